using Veza.Api.Endpoints;
using Veza.Api.Http;
using Veza.Api.Hubs;
using Veza.Api.Observability;
using Veza.Api.OpenApi;
using Veza.Api.Security;
using Veza.Api.Startup;
using Veza.Application;
using Veza.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
// CORS, forwarded headers and the pipeline are shaped before the container exists, so they read the section directly, once.
var apiOptions = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();

builder.Logging.AddVezaLogging();
builder.Services.AddVezaHttp(builder.Configuration, apiOptions);
// Before the adapters: hosted services start in registration order, and migrations come first.
builder.Services.AddVezaStartupTasks(builder.Configuration);
builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddVezaSecurity();
builder.Services.AddVezaCors(apiOptions, builder.Environment);
builder.Services.AddVezaSwagger();
builder.Services.AddVezaRealtime();
builder.Services.AddVezaGracefulShutdown(apiOptions);
builder.Services.AddVezaTelemetry(builder.Configuration);

var app = builder.Build();
app.UseVezaPipeline(apiOptions);
app.MapEndpointGroups();
app.MapHub<ChatHub>(ChatHub.Path);
app.MapHub<RadioHub>(RadioHub.Path);

await app.RunAsync();

/// <summary>Entry point; public so functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
