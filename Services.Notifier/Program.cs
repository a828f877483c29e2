using ImagePipeline.Notifier.Apis;
using ImagePipeline.Notifier.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotifierServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapDeliveriesApi();
app.Run();
