using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// An MCP server on stdio with the deterministic tools of TestTools; started by tests as an LLM agent's MCP server.
var builder = Host.CreateApplicationBuilder(args);

// stdout carries the protocol: logs go to stderr only.
builder.Logging.ClearProviders();
builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Services.AddMcpServer().WithStdioServerTransport().WithToolsFromAssembly();
await builder.Build().RunAsync();
