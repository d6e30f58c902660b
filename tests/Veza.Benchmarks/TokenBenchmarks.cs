using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Veza.Domain.Users;
using Veza.Infrastructure.Identity;

namespace Veza.Benchmarks;

/// <summary>What each authenticated request pays for its token, against one bare HMAC-SHA256 of the same bytes.</summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private readonly JwtOptions _options = new() { SigningKey = "benchmark-signing-key-0123456789abcdef-0123" };
    private readonly JsonWebTokenHandler _handler = new();
    private TokenValidationParameters _parameters = null!;
    private string _token = null!;
    private byte[] _tokenBytes = null!;
    private byte[] _key = null!;

    [GlobalSetup]
    public void Setup()
    {
        var service = new JwtTokenService(Options.Create(_options));
        _token = service.CreateAccessToken(User.Register("bench_user", "bench@example.com", "h", DateTimeOffset.UtcNow), Guid.NewGuid(), DateTimeOffset.UtcNow).Token;
        _tokenBytes = Encoding.UTF8.GetBytes(_token);
        _key = Encoding.UTF8.GetBytes(_options.SigningKey);
        _parameters = _options.CreateValidationParameters();
    }

    [Benchmark(Baseline = true)]
    public byte[] HmacOfTheTokenBytes() => HMACSHA256.HashData(_key, _tokenBytes);

    [Benchmark]
    public async Task<bool> ValidateAccessToken() => (await _handler.ValidateTokenAsync(_token, _parameters)).IsValid;
}
