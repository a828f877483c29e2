using ImagePipeline.ImageWorker.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddImageWorkerServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
