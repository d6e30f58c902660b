namespace Veza.Api.Http;

public sealed class PayloadTooLargeException(long limit) : Exception($"The request body exceeds {limit} bytes.");
