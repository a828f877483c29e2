using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ImagePipeline.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

public sealed partial class MongoIngestStore
{
    public async IAsyncEnumerable<ProductRecord> FindProductsAsync(Guid requestId, ProductQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = MongoIngestDefinitions.ProductsOf(requestId, query.AfterRow);
        if (query.Search is { Length: > 0 } search)
        {
            var products = Builders<MongoProductDocument>.Filter;
            var byName = products.Regex(p => p.Name, new BsonRegularExpression(Regex.Escape(search), "i"));
            filter &= query.SearchNumber switch
            {
                { } number and <= int.MaxValue => products.Or(byName, products.Eq(p => p.SerialNumber, number), products.Eq(p => p.RowNumber, (int)number)),
                { } number => products.Or(byName, products.Eq(p => p.SerialNumber, number)),
                null => byName,
            };
        }
        // the same merge as GetProductsAsync: the images cursor runs over every image after the page's start, and a
        // product is kept when one of its images has the status asked for
        var found = _products.Find(filter).Sort(MongoIngestDefinitions.ProductOrder);
        var images = _images.Find(MongoIngestDefinitions.ImagesOf(requestId, query.AfterRow)).Sort(MongoIngestDefinitions.ImageOrder);
        await using var image = images.ToAsyncEnumerable().WithCancellation(cancellationToken).GetAsyncEnumerator();
        var hasImage = await image.MoveNextAsync();
        await foreach (var product in found.ToAsyncEnumerable().WithCancellation(cancellationToken))
        {
            while (hasImage && image.Current.RowNumber < product.RowNumber)
            {
                hasImage = await image.MoveNextAsync();
            }
            var productImages = new List<ImageRecord>();
            while (hasImage && image.Current.RowNumber == product.RowNumber)
            {
                productImages.Add(image.Current.ToRecord());
                hasImage = await image.MoveNextAsync();
            }
            if (productImages.Count > 0 && (query.ImageStatus is null || productImages.Exists(i => i.Status == query.ImageStatus)))
            {
                yield return new ProductRecord(product.RowNumber, product.SerialNumber, product.Name, productImages);
            }
        }
    }

    public async Task<RequestActivity> GetActivityAsync(Guid requestId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var images = Builders<MongoImageDocument>.Filter;
        var inFlight = await _images.CountDocumentsAsync(
            images.Eq(i => i.RequestId, requestId) & images.Eq(i => i.Status, ImageStatuses.Pending) & images.Exists(i => i.LeaseUntil),
            cancellationToken: cancellationToken);
        var doneSince = await _images.CountDocumentsAsync(
            images.Eq(i => i.RequestId, requestId) & images.Gte(i => i.CompletedAt, StoredTime.ToBson(since)),
            cancellationToken: cancellationToken);
        return new RequestActivity((int)inFlight, (int)doneSince);
    }
}
