namespace ImagePipeline.AppHost.Mongo;

/// <summary>The MongoDB image the containers mode runs: one place to move the version.</summary>
public static class MongoDBContainerImageTags
{
    public const string Registry = "docker.io";

    public const string Image = "library/mongo";

    public const string Tag = "8.0";
}
