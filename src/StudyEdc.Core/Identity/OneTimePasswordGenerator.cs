using System.Security.Cryptography;

namespace StudyEdc.Core.Identity;

/// <summary>
/// Random one-time passwords that satisfy <see cref="StudyIdentityOptions"/>: 16 characters from a
/// cryptographic random source, with at least one upper-case letter, lower-case letter, digit and symbol, and
/// without look-alike characters (0/O, 1/l/I) so they can be read out or copied by hand.
/// </summary>
public static class OneTimePasswordGenerator
{
    public const int Length = 16;

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "!#$%*+-=?@";

    public static string Generate()
    {
        string password;
        do
        {
            password = GenerateCandidate();
        }
        while (password.Distinct().Count() < StudyIdentityOptions.RequiredUniqueCharacters);

        return password;
    }

    private static string GenerateCandidate()
    {
        // One character from each class, the rest from all of them, then shuffled so the classes are not in
        // fixed positions.
        var characters = new char[Length];
        characters[0] = Pick(Upper);
        characters[1] = Pick(Lower);
        characters[2] = Pick(Digits);
        characters[3] = Pick(Symbols);
        const string all = Upper + Lower + Digits + Symbols;
        for (var i = 4; i < Length; i++)
        {
            characters[i] = Pick(all);
        }

        RandomNumberGenerator.Shuffle(characters.AsSpan());
        return new string(characters);
    }

    private static char Pick(string alphabet) => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
}
