using Aspire.Hosting.ApplicationModel;
using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.AppHostSupport;

/// <summary>
/// Runs <c>rabbitmqctl</c> / <c>rabbitmq-plugins</c> against the AppHost's private RabbitMQ node the way an operator
/// would (docs/reliability.md): same node name, same Erlang cookie (its <c>HOME</c>), same private epmd port, all read
/// from the <c>messaging</c> resource's environment.
/// </summary>
public sealed class RabbitMQControl
{
    private static readonly string[] NodeVariables = ["HOME", "RABBITMQ_NODENAME", "ERL_EPMD_PORT", "RABBITMQ_ENABLED_PLUGINS_FILE", "RABBITMQ_CONF_ENV_FILE", "RABBITMQ_CONFIG_FILE"];

    private readonly IReadOnlyDictionary<string, string> _environment;

    private RabbitMQControl(IReadOnlyDictionary<string, string> environment) => _environment = environment;

    public string NodeName => _environment["RABBITMQ_NODENAME"];

    public static RabbitMQControl For(CustomResourceSnapshot messaging)
    {
        ArgumentNullException.ThrowIfNull(messaging);
        var environment = messaging.EnvironmentVariables
            .Where(v => NodeVariables.Contains(v.Name) && v.Value is not null)
            .ToDictionary(v => v.Name, v => v.Value!);
        return environment.ContainsKey("RABBITMQ_NODENAME") && environment.ContainsKey("HOME") && environment.ContainsKey("ERL_EPMD_PORT")
            ? new RabbitMQControl(environment)
            : throw new InvalidOperationException("The messaging resource's environment does not name its node, cookie home and epmd port.");
    }

    /// <summary>Messages in every queue, by queue name.</summary>
    public Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync() => RabbitMQCli.QueueDepthsAsync(_environment, NodeName);

    /// <summary>Runs one of the broker's CLI tools against the node; throws with its output unless it exits 0.</summary>
    public Task<string> RunAsync(string tool, params string[] arguments) => RabbitMQCli.RunAsync(_environment, NodeName, tool, arguments);
}
