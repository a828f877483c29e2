using ImagePipeline.Export.Apis;
using ImagePipeline.Export.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddExportServices();

var app = builder.Build();
app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapExportsApi();
app.Run();
