namespace ImagePipeline.AppHost.Mongo;

/// <summary>
/// What to tell when the MongoDB container refuses the AppHost's user. The image applies
/// <c>MONGO_INITDB_ROOT_USERNAME</c>/<c>PASSWORD</c> only when <c>/data/db</c> is empty, so a data volume kept from an
/// earlier run keeps the root password it was first started with; a password parameter generated again (the AppHost's
/// user secrets lost or reset) then no longer matches, and every service waits forever on the health checks. The
/// server's health check says so, naming the volume and the parameter, instead of only "did not answer".
/// </summary>
public static class MongoDBCredentialsRejected
{
    /// <summary>The explanation for <paramref name="server"/>: its data volume and password parameter, and the two ways out.</summary>
    public static string Describe(MongoDBServerResource server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var user = server.UserNameParameter is { } userName ? $"the user of parameter '{userName.Name}'" : $"user '{MongoDBServerResource.DefaultUserName}'";
        var password = server.PasswordParameter?.Name ?? $"{server.Name}-password";
        var restore = $"dotnet user-secrets set Parameters:{password} <the first password> --project AppHost";
        return DataVolumeOf(server) is { } volume
            ? $"MongoDB '{server.Name}' refused {user} and the password of parameter '{password}'. Its data volume '{volume}' keeps "
              + "the root user and password it was first started with (the image applies MONGO_INITDB_ROOT_USERNAME/PASSWORD "
              + "only to an empty volume), so the password was most likely generated again after the AppHost's user secrets "
              + $"were lost or reset; every service waits on this check until it passes. Either put the first password back "
              + $"('{restore}'), or, to start over and lose that data, stop the AppHost and remove the volume "
              + $"('docker volume rm {volume}')."
            : $"MongoDB '{server.Name}' refused {user} and the password of parameter '{password}': the server's root user has "
              + $"another password. Give the parameter the server's password ('{restore}').";
    }

    /// <summary>The named volume mounted at the data directory, if any.</summary>
    public static string? DataVolumeOf(MongoDBServerResource server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.Annotations.OfType<ContainerMountAnnotation>()
            .FirstOrDefault(m => m.Type == ContainerMountType.Volume && m.Target == MongoDBBuilderExtensions.DataPath)?.Source;
    }
}
