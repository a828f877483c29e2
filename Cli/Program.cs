using ImagePipeline.Cli;

return await CliApp.RunAsync(args);
