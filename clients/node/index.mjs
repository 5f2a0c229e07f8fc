// Agent Platform client for Node.js over gRPC (agentplatform.v1), on @grpc/grpc-js and @grpc/proto-loader.
//
//   import { AgentClient } from './clients/node/index.mjs';
//   const client = new AgentClient('127.0.0.1:5081');
//   await client.register('node-agent', { capabilities: { translate: 0.9 } });
//   await client.heartbeat();
export { AgentClient } from './client.mjs';
export { ApiError } from './errors.mjs';
export { InboxStream, kindName, requestOf, taskOf } from './inbox.mjs';
export { fromValue, toValue } from './json-value.mjs';
