using ImagePipeline.Gateway.Apis;
using ImagePipeline.Gateway.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapUploadsApi();
app.MapFilesApi();
app.MapReverseProxy();
app.Run();
