// The error every client call rejects with: the gRPC status with the details the platform sends.
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';

const statusProto = fileURLToPath(new URL('../status_details.proto', import.meta.url));
const wellKnownRoot = new protobuf.Root();
// Resolve google/protobuf/* from protobufjs' bundled well-known types, everything else beside this file.
wellKnownRoot.resolvePath = (origin, target) =>
  target.startsWith('google/protobuf/') ? target : protobuf.util.path.resolve(origin, target);
const details = wellKnownRoot.loadSync(statusProto, { keepCase: true });
const Status = details.lookupType('agentplatform.clients.Status');
const BadRequest = details.lookupType('agentplatform.clients.BadRequest');
const RetryInfo = details.lookupType('agentplatform.clients.RetryInfo');

const codeNames = Object.fromEntries(Object.entries(grpc.status).map(([name, code]) => [code, name]));

/**
 * A call the platform refused or that failed on the way. `code` is the numeric gRPC status and `codeName` its name
 * (e.g. INVALID_ARGUMENT); `fieldViolations` maps each invalid field to its problem; `retryDelay` is the seconds to wait
 * before trying again (RESOURCE_EXHAUSTED), else null.
 */
export class ApiError extends Error {
  constructor(method, code, message, fieldViolations = {}, retryDelay = null) {
    super(`${method} answered ${codeNames[code] ?? code}: ${message}`);
    this.name = 'ApiError';
    this.method = method;
    this.code = code;
    this.codeName = codeNames[code] ?? String(code);
    this.details = message;
    this.fieldViolations = fieldViolations;
    this.retryDelay = retryDelay;
  }

  /** Reads the status code, text and google.rpc details of a failed grpc-js call. */
  static fromServiceError(method, error) {
    const fieldViolations = {};
    let retryDelay = null;
    for (const raw of error.metadata?.get('grpc-status-details-bin') ?? []) {
      const status = Status.decode(raw);
      for (const detail of status.details) {
        const kind = detail.type_url.split('/').pop();
        if (kind === 'google.rpc.BadRequest') {
          for (const violation of BadRequest.decode(detail.value).field_violations) {
            fieldViolations[violation.field] = violation.description;
          }
        } else if (kind === 'google.rpc.RetryInfo') {
          const delay = RetryInfo.decode(detail.value).retry_delay ?? {};
          retryDelay = Number(delay.seconds ?? 0) + Number(delay.nanos ?? 0) / 1e9;
        }
      }
    }
    return new ApiError(method, error.code ?? grpc.status.UNKNOWN, error.details ?? error.message, fieldViolations, retryDelay);
  }
}
