using ImagePipeline.Gateway.Access;
using ImagePipeline.Gateway.Apis;
using ImagePipeline.Gateway.Extensions;
using ImagePipeline.Gateway.OpenApi;
using ImagePipeline.Gateway.Proxy;
using ImagePipeline.Gateway.WebConsole;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();
app.UseWebConsole();
app.UseApiKeys();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapPublicApiDocument();
app.MapUploadsApi();
app.MapFilesApi();
app.MapWebhookSecretApi();
app.MapRequestsProxy();
app.Run();
