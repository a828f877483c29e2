using System.Runtime.CompilerServices;
using ImagePipeline.Contracts;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// Ingest's store on MongoDB, correct without multi-document transactions (a standalone server has none):
/// <list type="bullet">
/// <item>A request is written children first: products and images go in with identities fixed by the CSV (unique
/// (requestId, row) for products, deterministic IDs for images), duplicates ignored; the request document goes in last
/// with its counts. So a request document exists only when all its children do, and a redelivery after a crash
/// inserts the missing children and then the request.</item>
/// <item>Every step of a request's lifecycle (<see cref="Lifecycle.RequestLifecycle"/>, which says why the algorithm
/// needs no transaction) is one conditional update or find-and-update.</item>
/// </list>
/// </summary>
public sealed partial class MongoIngestStore : IIngestStore
{
    private const int InsertBatchSize = 1000;

    private static readonly FindOneAndUpdateOptions<MongoRequestDocument> ReturnAfter = new() { ReturnDocument = ReturnDocument.After };
    private static readonly InsertManyOptions Unordered = new() { IsOrdered = false };

    private readonly IMongoCollection<MongoRequestDocument> _requests;
    private readonly IMongoCollection<MongoProductDocument> _products;
    private readonly IMongoCollection<MongoImageDocument> _images;
    private readonly IMongoCollection<MongoSourceVersionDocument> _sourceVersions;

    public MongoIngestStore(IMongoDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _requests = database.GetCollection<MongoRequestDocument>(MongoIngestDefinitions.RequestsCollection);
        _products = database.GetCollection<MongoProductDocument>(MongoIngestDefinitions.ProductsCollection);
        _images = database.GetCollection<MongoImageDocument>(MongoIngestDefinitions.ImagesCollection);
        _sourceVersions = database.GetCollection<MongoSourceVersionDocument>(MongoIngestDefinitions.SourceVersionsCollection);
    }

    public async Task<bool> CreateRequestAsync(
        NewRequest request, IAsyncEnumerable<NewProduct> products, Func<string?> failureReason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(failureReason);
        if (await _requests.Find(MongoIngestDefinitions.RequestById(request.RequestId)).AnyAsync(cancellationToken))
        {
            return false;
        }

        var (productCount, imageCount) = await InsertChildrenAsync(request.RequestId, products, cancellationToken);
        try
        {
            await _requests.InsertOneAsync(MongoRequestDocument.New(request, productCount, imageCount, failureReason()), cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            // a concurrent delivery of the same request recorded it first, with the same children
            return false;
        }
    }

    public async Task<RequestRecord?> GetRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        return (await FindRequestAsync(requestId, cancellationToken))?.ToRecord();
    }

    public async IAsyncEnumerable<ImageRecord> GetPendingImagesAsync(Guid requestId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = _images.Find(MongoIngestDefinitions.ImagesWithStatus(requestId, ImageStatuses.Pending)).Sort(MongoIngestDefinitions.ImageOrder);
        await foreach (var image in pending.ToAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return image.ToRecord();
        }
    }

    public IAsyncEnumerable<ProductRecord> GetProductsAsync(Guid requestId, CancellationToken cancellationToken) =>
        GetProductsAsync(requestId, afterRow: 0, cancellationToken);

    public async IAsyncEnumerable<ProductRecord> GetProductsAsync(Guid requestId, int afterRow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // two cursors in the same order, merged: memory holds one product at a time whatever the request's size
        var products = _products.Find(MongoIngestDefinitions.ProductsOf(requestId, afterRow)).Sort(MongoIngestDefinitions.ProductOrder);
        var images = _images.Find(MongoIngestDefinitions.ImagesOf(requestId, afterRow)).Sort(MongoIngestDefinitions.ImageOrder);
        await using var image = images.ToAsyncEnumerable().WithCancellation(cancellationToken).GetAsyncEnumerator();
        var hasImage = await image.MoveNextAsync();
        await foreach (var product in products.ToAsyncEnumerable().WithCancellation(cancellationToken))
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
            // like the SQLite store's join, a product is listed with its images (the CSV rules give every product one)
            if (productImages.Count > 0)
            {
                yield return new ProductRecord(product.RowNumber, product.SerialNumber, product.Name, productImages);
            }
        }
    }

    private async Task<(int Products, int Images)> InsertChildrenAsync(Guid requestId, IAsyncEnumerable<NewProduct> products, CancellationToken cancellationToken)
    {
        var productBatch = new List<MongoProductDocument>(InsertBatchSize);
        var imageBatch = new List<MongoImageDocument>(InsertBatchSize);
        // the first slot of each URL is fetched; the others wait on it
        var leaders = new Dictionary<string, Guid>(StringComparer.Ordinal);
        int productCount = 0, imageCount = 0;
        await foreach (var product in products.WithCancellation(cancellationToken))
        {
            productBatch.Add(MongoProductDocument.New(requestId, product));
            for (var position = 0; position < product.Images.Count; position++)
            {
                var image = product.Images[position];
                Guid? leader = leaders.TryAdd(image.SourceUrl, image.ImageId) ? null : leaders[image.SourceUrl];
                imageBatch.Add(MongoImageDocument.New(requestId, product.RowNumber, position, image, leader));
            }
            productCount++;
            imageCount += product.Images.Count;
            if (productBatch.Count >= InsertBatchSize || imageBatch.Count >= InsertBatchSize)
            {
                await FlushAsync(productBatch, imageBatch, cancellationToken);
            }
        }
        await FlushAsync(productBatch, imageBatch, cancellationToken);
        return (productCount, imageCount);
    }

    private async Task FlushAsync(List<MongoProductDocument> products, List<MongoImageDocument> images, CancellationToken cancellationToken)
    {
        await InsertIgnoringDuplicatesAsync(_products, products, cancellationToken);
        await InsertIgnoringDuplicatesAsync(_images, images, cancellationToken);
        products.Clear();
        images.Clear();
    }

    /// <summary>Inserts what is missing: a document already there from an earlier, interrupted attempt is a duplicate key, and fine.</summary>
    private static async Task InsertIgnoringDuplicatesAsync<T>(IMongoCollection<T> collection, List<T> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return;
        }
        try
        {
            await collection.InsertManyAsync(documents, Unordered, cancellationToken);
        }
        catch (MongoBulkWriteException<T> ex) when (ex.WriteConcernError is null && ex.WriteErrors.All(e => e.Category == ServerErrorCategory.DuplicateKey))
        {
            // the unordered insert went on past each duplicate, so every other document is in
        }
    }

    private async Task<MongoRequestDocument?> FindRequestAsync(Guid requestId, CancellationToken cancellationToken) =>
        await _requests.Find(MongoIngestDefinitions.RequestById(requestId)).FirstOrDefaultAsync(cancellationToken);
}
