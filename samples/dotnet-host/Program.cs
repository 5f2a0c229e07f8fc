using AgentPlatform.Samples.DotnetHost;

// The platform's own host, with one more agent type hosted in process: a workflow step naming "summarizer/<key>" reaches it.
var app = AgentPlatform.AgentHost.Program.Build(
    args, builder => builder.Services.AddAgents(agents => agents.AddAgent<SummarizerAgent>(SummarizerAgent.TypeName)));
await app.RunAsync();
