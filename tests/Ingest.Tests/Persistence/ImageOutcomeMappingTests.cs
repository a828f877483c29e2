using System.Reflection;
using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>A field added to <see cref="ImageOutcome"/> must be stored by both backends: these fail until it is.</summary>
public sealed class ImageOutcomeMappingTests
{
    private static readonly int OutcomeFields = typeof(ImageOutcome).GetProperties(BindingFlags.Instance | BindingFlags.Public).Length;

    [Fact]
    public void Sqlite_has_a_column_for_every_field_of_the_outcome() =>
        Assert.Equal(OutcomeFields, SqliteImageOutcome.Columns.Count);

    [Fact]
    public void Mongo_has_an_element_for_every_field_of_the_outcome() =>
        Assert.Equal(OutcomeFields, MongoImageDocument.OutcomeElements(ImageOutcome.None).Count());
}
