using System.Collections.Immutable;
using System.Text;

namespace HealthDw.Generator.Data;

/// <summary>Display names (UTF-8, some non-ASCII) with lowercase ASCII spellings for e-mail addresses.</summary>
internal sealed class NamePool
{
    public NamePool(params string[] names)
    {
        Display = [.. names];
        Ascii = [.. names.Select(Fold)];
    }

    public ImmutableArray<string> Display { get; }

    public ImmutableArray<string> Ascii { get; }

    public int Count => Display.Length;

    /// <summary>Lowercase ASCII letters only: "Nguyễn" → "nguyen", "O'Brien" → "obrien".</summary>
    private static string Fold(string name)
    {
        var folded = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            switch (c)
            {
                case >= 'a' and <= 'z':
                    folded.Append(c);
                    break;
                case >= 'A' and <= 'Z':
                    folded.Append((char)(c + ('a' - 'A')));
                    break;
                default:
                    folded.Append(FoldLetter(c));
                    break;
            }
        }

        return folded.ToString();
    }

    private static string FoldLetter(char c) => c switch
    {
        'á' or 'à' or 'â' or 'ä' or 'ã' or 'å' or 'ặ' or 'ầ' or 'ấ' => "a",
        'é' or 'è' or 'ê' or 'ë' or 'ễ' or 'ế' or 'ệ' => "e",
        'í' or 'ì' or 'î' or 'ï' or 'ı' => "i",
        'ó' or 'ò' or 'ô' or 'ö' or 'õ' or 'ø' or 'Ø' or 'ọ' or 'Ö' => "o",
        'ú' or 'ù' or 'û' or 'ü' => "u",
        'ñ' => "n",
        'ç' => "c",
        'ş' => "s",
        'ł' or 'Ł' => "l",
        'đ' or 'Đ' => "d",
        'ß' => "ss",
        _ => string.Empty,
    };
}
