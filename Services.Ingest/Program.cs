using ImagePipeline.Ingest.Apis;
using ImagePipeline.Ingest.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngestServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapRequestsApi();
app.MapInternalApi();
app.Run();
