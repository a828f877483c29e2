namespace ImagePipeline.Gateway.WebConsole;

public static class WebConsoleEndpoints
{
    /// <summary>
    /// The web console: plain files from <c>wwwroot</c> (<c>/</c> is its <c>index.html</c>). They are served ahead of
    /// routing's endpoints and outside <c>/api</c>, so they need no API key (the console asks for one and sends it on
    /// its own API calls) and leave the proxy routes and the upload rate limit as they are.
    /// </summary>
    public static WebApplication UseWebConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // the console is a handful of small files that change with each release: always revalidate
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }
}
