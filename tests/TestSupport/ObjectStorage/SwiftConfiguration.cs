using System.Globalization;

namespace ImagePipeline.TestSupport.ObjectStorage;

/// <summary>
/// The files a one-device Swift with S3 on top needs: three rings with one device each and the four servers'
/// configurations, all in one directory (the servers still read the package's <c>/etc/swift/swift.conf</c>).
/// </summary>
internal sealed record SwiftConfiguration(string Root, string Address, int AccountPort, int ContainerPort, int ObjectPort, int ProxyPort, int MemcachedPort)
{
    public const string AccessKey = "test:tester";
    public const string SecretKey = "testing";
    public const string Region = "us-east-1";

    public string DevicesDirectory => Path.Combine(Root, "devices");

    public string ConfigOf(string server) => Path.Combine(Root, $"{server}-server.conf");

    public IEnumerable<(string Server, int Port)> StorageServers =>
        [("account", AccountPort), ("container", ContainerPort), ("object", ObjectPort)];

    /// <summary>The ring-builder commands, in order, each run in <see cref="Root"/>.</summary>
    public IEnumerable<string[]> RingCommands() => StorageServers.SelectMany(server => new[]
    {
        // partition power 0, one replica: one device holds everything
        new[] { "swift-ring-builder", $"{server.Server}.builder", "create", "0", "1", "1" },
        ["swift-ring-builder", $"{server.Server}.builder", "add", $"r1z1-{Address}:{Port(server.Port)}/d1", "1"],
        ["swift-ring-builder", $"{server.Server}.builder", "rebalance"],
    });

    public void Write()
    {
        Directory.CreateDirectory(Path.Combine(DevicesDirectory, "d1"));
        foreach (var (server, port) in StorageServers)
        {
            File.WriteAllText(ConfigOf(server), $"""
                [DEFAULT]
                bind_ip = {Address}
                bind_port = {Port(port)}
                devices = {DevicesDirectory}
                mount_check = false
                workers = 0
                user = {Environment.UserName}
                swift_dir = {Root}
                log_name = {server}

                [pipeline:main]
                pipeline = {server}-server

                [app:{server}-server]
                use = egg:swift#{server}

                """);
        }
        File.WriteAllText(ConfigOf("proxy"), $"""
            [DEFAULT]
            bind_ip = {Address}
            bind_port = {Port(ProxyPort)}
            workers = 0
            user = {Environment.UserName}
            swift_dir = {Root}
            log_name = proxy

            [pipeline:main]
            pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats s3api tempauth copy slo dlo proxy-logging proxy-server

            [app:proxy-server]
            use = egg:swift#proxy
            account_autocreate = true

            [filter:catch_errors]
            use = egg:swift#catch_errors

            [filter:gatekeeper]
            use = egg:swift#gatekeeper

            [filter:healthcheck]
            use = egg:swift#healthcheck

            [filter:proxy-logging]
            use = egg:swift#proxy_logging

            [filter:cache]
            use = egg:swift#memcache
            memcache_servers = {Address}:{Port(MemcachedPort)}

            [filter:listing_formats]
            use = egg:swift#listing_formats

            [filter:s3api]
            use = egg:swift#s3api
            location = {Region}

            [filter:tempauth]
            use = egg:swift#tempauth
            user_test_tester = {SecretKey} .admin

            [filter:copy]
            use = egg:swift#copy

            [filter:slo]
            use = egg:swift#slo

            [filter:dlo]
            use = egg:swift#dlo

            """);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
