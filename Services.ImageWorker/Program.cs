using ImagePipeline.ImageWorker.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
// ImageMagick's policy and limits and libvips' settings are process-wide: one start-up step, registered before the bus
// so it runs before the first message
builder.Services.AddNativeImagingSetup();
builder.AddImageWorkerServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
