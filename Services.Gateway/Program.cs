using ImagePipeline.Gateway.Access;
using ImagePipeline.Gateway.Apis;
using ImagePipeline.Gateway.Extensions;
using ImagePipeline.Gateway.Proxy;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();
app.UseApiKeys();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapUploadsApi();
app.MapFilesApi();
app.MapWebhookSecretApi();
app.MapRequestsProxy();
app.Run();
