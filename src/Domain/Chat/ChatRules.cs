using Veza.Domain.Common;

namespace Veza.Domain.Chat;

/// <summary>The limits of chat rooms and messages.</summary>
public static class ChatRules
{
    public const int NameMinLength = 3;
    public const int NameMaxLength = 50;
    public const int DescriptionMaxLength = 500;
    public const int MessageMaxLength = 4000;
    public const int ClientMessageIdMaxLength = 64;
    public const int DefaultPage = 50;
    public const int MaxPage = 200;
    public const int MaxPinsPerRoom = 50;
    public const int EmojiMaxLength = 32;

    public static string CheckName(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length is >= NameMinLength and <= NameMaxLength
            ? trimmed
            : throw new DomainException($"A room name is {NameMinLength} to {NameMaxLength} characters.");
    }

    /// <summary>The name two rooms may not share, whatever its case.</summary>
    public static string NormalizeName(string name) => name.Trim().ToUpperInvariant();

    public static string? CheckDescription(string? description)
    {
        var trimmed = description?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= DescriptionMaxLength ? trimmed : throw new DomainException($"A room description is at most {DescriptionMaxLength} characters.");
    }

    /// <summary>
    /// A reaction is one emoji: one user-perceived character (a grapheme, so skin tones, flags and ZWJ
    /// sequences count as one) that is a symbol, not a letter, digit, punctuation or space.
    /// </summary>
    public static string CheckEmoji(string emoji) => IsEmoji(emoji) ? emoji : throw new DomainException("A reaction is a single emoji.");

    public static bool IsEmoji(string? emoji)
    {
        if (string.IsNullOrEmpty(emoji) || emoji.Length > EmojiMaxLength || new System.Globalization.StringInfo(emoji).LengthInTextElements != 1)
        {
            return false;
        }

        var first = System.Text.Rune.GetRuneAt(emoji, 0);
        return System.Text.Rune.GetUnicodeCategory(first) == System.Globalization.UnicodeCategory.OtherSymbol
            && first.Value >= 0x2000;
    }

    public static string CheckContent(string content)
    {
        var trimmed = content.Trim();
        return trimmed.Length is > 0 and <= MessageMaxLength
            ? trimmed
            : throw new DomainException($"A message is 1 to {MessageMaxLength} characters.");
    }
}

public enum ChatRole
{
    Member = 0,
    Moderator = 1,
    Owner = 2,
}

public static class ChatRoleNames
{
    public static string ToName(this ChatRole role) => role switch
    {
        ChatRole.Owner => "owner",
        ChatRole.Moderator => "moderator",
        _ => "member",
    };

    public static bool TryParse(string name, out ChatRole role)
    {
        (var ok, role) = name switch
        {
            "owner" => (true, ChatRole.Owner),
            "moderator" => (true, ChatRole.Moderator),
            "member" => (true, ChatRole.Member),
            _ => (false, ChatRole.Member),
        };
        return ok;
    }
}
