namespace Veza.Api.Observability;

/// <summary>Endpoint metadata: the response length of this endpoint's 200 and 206 responses counts as stream bytes served.</summary>
public sealed class CountsStreamBytes
{
    public static readonly CountsStreamBytes Instance = new();

    private CountsStreamBytes()
    {
    }
}
