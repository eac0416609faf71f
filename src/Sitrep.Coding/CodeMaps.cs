namespace Sitrep.Coding;

/// <summary>
/// How modality changes a CAMEO code, following CAMEO's intent categories and PLOVER's rules:
/// a promised cooperative act is an intent (03x, AGREE), an announced hostile act is a threat
/// (13x, THREATEN), a refused act is a rejection (12x, REJECT) and an act the speaker says
/// another party must do is a demand (10x, REQUEST).
/// </summary>
internal static class CodeMaps
{
    public static bool IsCooperative(string code) => Root(code) is >= 3 and <= 8;
    public static int Root(string code) => (code[0] - '0') * 10 + (code[1] - '0');

    public static string Intent(string code) => Root(code) switch
    {
        3 => code,
        4 => "036",
        5 => code == "057" ? "030" : "032",
        6 => code.Length >= 3 && code[2] is >= '1' and <= '4' ? "031" + code[2] : "031",
        7 => code.Length >= 3 && code[2] is >= '1' and <= '4' ? "033" + code[2] : code == "075" ? "030" : "033",
        8 => code switch
        {
            "081" or "0811" or "0812" or "0813" or "0814" => "0351",
            "082" => "0352",
            "083" or "0831" or "0832" or "0833" or "0834" => "034",
            "084" or "0841" or "0842" => "0353",
            "085" => "0354",
            "086" or "0861" or "0862" or "0863" => "0355",
            "087" or "0871" or "0872" or "0873" or "0874" => "0356",
            _ => "035",
        },
        _ => code,
    };

    public static string Threat(string code)
    {
        var root = Root(code);
        return root switch
        {
            13 => code,
            14 => "133",
            15 => "138",
            16 => code switch
            {
                "161" => "1313",
                "162" or "1621" or "1622" or "1623" => "1311",
                "163" => "1312",
                "164" => "134",
                "165" => "135",
                "166" or "1661" or "1662" or "1663" => "136",
                _ => "131",
            },
            17 => code switch
            {
                "172" => "132",
                "1721" => "1321",
                "1722" => "1322",
                "1723" => "1323",
                "1724" => "1324",
                "175" => "137",
                "171" or "1711" or "1712" => "1382",
                _ => "130",
            },
            18 => "1383",
            19 => code switch
            {
                "191" => "1381",
                "192" => "1382",
                _ => "1384",
            },
            20 => code.StartsWith("204", StringComparison.Ordinal) ? "1385" : "1383",
            _ => "130",
        };
    }

    public static string Reject(string code) => Root(code) switch
    {
        3 => "120",
        4 => "125",
        5 => "120",
        6 => code.Length >= 3 && code[2] is >= '1' and <= '4' ? "121" + code[2] : "121",
        7 => code.Length >= 3 && code[2] is >= '1' and <= '4' ? "122" + code[2] : "122",
        8 => code switch
        {
            "081" or "0811" or "0812" or "0813" or "0814" => "1241",
            "082" => "1242",
            "083" or "0831" or "0832" or "0833" or "0834" => "123",
            "084" or "0841" or "0842" => "1243",
            "085" => "1244",
            "086" or "0861" or "0862" or "0863" => "1245",
            "087" or "0871" or "0872" or "0873" or "0874" => "1246",
            _ => "124",
        },
        12 => code,
        _ => "120",
    };

    public static string Demand(string code) => Root(code) switch
    {
        3 => "100",
        4 => "106",
        5 => "102",
        6 => code.Length >= 3 && code[2] is >= '1' and <= '4' ? "101" + code[2] : "101",
        7 => code.Length >= 3 && code[2] is >= '1' and <= '4' ? "103" + code[2] : "103",
        8 => code switch
        {
            "081" or "0811" or "0812" or "0813" or "0814" => "1051",
            "082" => "1052",
            "083" or "0831" or "0832" or "0833" or "0834" => "104",
            "084" or "0841" or "0842" => "1053",
            "085" => "1054",
            "086" or "0861" or "0862" or "0863" => "1055",
            "087" or "0871" or "0872" or "0873" or "0874" => "1056",
            _ => "105",
        },
        10 => code,
        _ => "100",
    };
}
