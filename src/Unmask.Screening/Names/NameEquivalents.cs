namespace Unmask.Screening.Names;

/// <summary>
/// Words that are one name element written differently for reasons letters cannot show: a given name and its usual short
/// forms (Theodore / Ted, Benjamin / Ben / Bibi, William / Bill), the forms one given name takes across languages and
/// romanisations (Sergei / Sergey / Serhiy, Joseph / Yusuf / Iosif, Mohammed / Muhammad / Mohd), and the Arabic words for
/// "son of" / "daughter of" and "servant of" (bin / ibn / ben, bint / binti, abd / abdul / abdel). Compiled by hand from
/// the usual English hypocorisms and the transliteration tables the lists themselves use (OFAC and UN aliases list these
/// forms side by side). A word may sit in several groups (Ted is short for Theodore and for Edward). Arabic forms are kept
/// apart from the European forms of the same biblical name (Yusuf / Joseph, Daoud / David): notes do not write one for
/// the other, and common names would meet.
/// </summary>
public static class NameEquivalents
{
    public const double Similarity = 0.9;

    private static readonly string[][] Groups =
    [
        ["benjamin", "ben", "benny", "bibi", "binyamin", "veniamin"],
        ["theodore", "ted", "teddy", "theo", "fyodor", "fedor", "feodor", "teodor", "teodoro"],
        ["edward", "ed", "eddie", "ted", "ned", "eduard", "eduardo", "edouard"],
        ["william", "bill", "billy", "will", "willy", "wilhelm", "guillermo", "guillaume", "vilhelm"],
        ["robert", "bob", "bobby", "rob", "robbie", "roberto"],
        ["richard", "rick", "dick", "rich", "ricky", "ricardo", "riccardo"],
        ["james", "jim", "jimmy", "jamie", "jaime", "jacques", "giacomo"],
        ["john", "jack", "johnny", "juan", "johann", "johannes", "jean", "giovanni", "joao", "sean", "ian"],
        ["joseph", "joe", "joey", "jose", "giuseppe", "josef", "iosif", "yosef"],
        ["yusuf", "youssef", "yousef", "yousif", "yusif", "yusup", "yousuf", "youcef"],
        ["michael", "mike", "mick", "miguel", "michel", "michele", "mikhail", "mykhailo", "mihail", "mikael", "mikhael", "misha"],
        ["alexander", "alex", "sasha", "alejandro", "alessandro", "aleksandr", "aleksander", "oleksandr", "alexandre", "alexandr", "alexandros", "iskandar", "iskander"],
        ["alexei", "alexey", "aleksei", "aleksey", "oleksiy", "oleksii", "alyosha"],
        ["peter", "pete", "pedro", "pierre", "pietro", "pyotr", "petr", "petro", "piotr"],
        ["paul", "pablo", "paolo", "pavel", "pavlo", "pawel"],
        ["stephen", "steven", "steve", "stefan", "esteban", "stepan", "stephane", "stefano"],
        ["nicholas", "nick", "nicky", "nikolai", "nikolay", "mykola", "nicolas", "nicola", "nikola", "nicolai"],
        ["andrew", "andy", "drew", "andrei", "andrey", "andriy", "andrii", "andres", "andreas", "andre", "andrea", "andrzej"],
        ["george", "georgy", "georgiy", "georgii", "jorge", "georg", "giorgio", "giorgi"],
        ["yuri", "yury", "yuriy", "yurii", "iurii"],
        ["anthony", "tony", "antonio", "anton", "antoine", "antony"],
        ["thomas", "tom", "tommy", "tomas", "tomasz", "foma"],
        ["charles", "charlie", "chuck", "carlos", "karl", "carl", "carlo"],
        ["henry", "harry", "hank", "enrique", "heinrich", "henri", "enrico", "genrikh"],
        ["daniel", "dan", "danny", "daniil", "danylo", "daniyal"],
        ["david", "dave", "davy", "davide", "davit"],
        ["daoud", "dawood", "dawud", "daud", "dawoud"],
        ["samuel", "sam", "sammy", "samuil"],
        ["jacob", "jake", "yakov", "yaakov", "jakob", "yakub", "yaqub", "jacobo"],
        ["abraham", "abe", "avraham", "abram"],
        ["ibrahim", "ebrahim", "brahim", "ibraheem"],
        ["moses", "moshe", "moises", "moisei"],
        ["musa", "mousa", "moussa", "mussa"],
        ["solomon", "shlomo"],
        ["suleiman", "sulaiman", "suleyman", "sulayman", "soliman", "sleiman"],
        ["ismail", "ismael", "ishmael", "ismoil"],
        ["mohammed", "mohammad", "muhammad", "mohamed", "muhammed", "mohamad", "muhamad", "mohd", "mehmet", "mehmed", "mamadou", "mukhammad", "magomed"],
        ["ahmed", "ahmad", "akhmed", "akhmad"],
        ["osama", "usama", "ousama", "oussama"],
        ["hussein", "husain", "husayn", "hussain", "hussayn", "huseyn", "huseyin", "husein", "hosein", "hossein"],
        ["hassan", "hasan", "hacen", "hasen"],
        ["yevgeny", "evgeny", "evgeni", "yevgeniy", "evgenii", "yevhen", "eugene", "eugen", "zhenya"],
        ["dmitry", "dmitri", "dmitriy", "dmitrii", "dmytro", "dima"],
        ["sergei", "sergey", "sergiy", "serhiy", "serhii", "sergii", "sergio", "serge", "sergejs", "sergej", "seryozha"],
        ["vladimir", "volodymyr", "wladimir", "wlodzimierz", "vova", "volodya", "vlad"],
        ["vladislav", "vlad", "vladik", "wladyslaw"],
        ["christopher", "chris", "kit", "christoph", "cristobal"],
        ["christian", "chris", "christiaan", "kristian"],
        ["christina", "christine", "chris", "tina", "kristina", "khristina"],
        ["maximilian", "max", "maxim", "maksim", "maxime", "maksym"],
        ["konstantin", "kostya", "constantine", "kostiantyn", "konstantyn", "costantino"],
        ["matthew", "matt", "matvei", "matvey", "mateo", "matteo", "mathieu", "matthias"],
        ["gregory", "greg", "grigory", "grigoriy", "grigorii", "hryhoriy", "gregor", "gregorio"],
        ["timothy", "tim", "timofey", "timofei", "tymofiy"],
        ["kenneth", "ken", "kenny"],
        ["donald", "don", "donnie"],
        ["ronald", "ron", "ronnie"],
        ["lawrence", "larry", "lorenzo", "laurent"],
        ["patrick", "pat", "paddy", "patricio"],
        ["patricia", "pat", "patty", "trish"],
        ["jennifer", "jen", "jenny"],
        ["victoria", "vicky", "viktoria", "vika"],
        ["viktor", "victor", "vitya"],
        ["abdullah", "abdallah", "abdulla", "abdollah"],
        ["yelena", "elena", "olena", "helen", "helena", "lena", "jelena"],
        ["natalia", "natalya", "nataliya", "natasha", "natalie", "nathalie"],
        ["tatiana", "tatyana", "tetiana", "tetyana", "tanya"],
        ["ekaterina", "yekaterina", "kateryna", "katerina", "catherine", "katherine", "kate", "katie", "katya", "caterina", "katarzyna"],
        ["elizabeth", "elisabeth", "liz", "lizzie", "beth", "betty", "yelizaveta", "elizaveta", "elisabetta"],
        ["margaret", "maggie", "meg", "peggy", "margarita", "marguerite", "margherita"],
        ["maria", "mariya", "mary", "marie", "masha"],
        ["maryam", "miriam", "mariam", "meryem"],
        ["anna", "hanna", "hannah", "ganna", "anya", "ann", "anne"],
        ["olga", "olha", "helga"],
        ["bin", "ibn", "ben", "bn", "ould", "walad"],
        ["bint", "binti", "bent"],
        ["abd", "abdul", "abdel", "abdal", "abdoul", "abdu", "abdou", "abdel", "abdil"],
        ["abu", "abou", "abo"],
    ];

    private static readonly Dictionary<string, int[]> GroupsByWord = BuildIndex();

    /// <summary>Ids of the groups a word is in, sorted; empty when it is in none.</summary>
    public static int[] GroupsOf(string word) => GroupsByWord.TryGetValue(word, out var groups) ? groups : [];

    /// <summary>True when two sorted group-id arrays share a group.</summary>
    public static bool Share(int[] a, int[] b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                return true;
            }
            if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return false;
    }

    private static Dictionary<string, int[]> BuildIndex()
    {
        var byWord = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var group = 0; group < Groups.Length; group++)
        {
            foreach (var word in Groups[group])
            {
                if (!byWord.TryGetValue(word, out var list))
                {
                    byWord[word] = list = [];
                }
                if (!list.Contains(group))
                {
                    list.Add(group);
                }
            }
        }
        return byWord.ToDictionary(p => p.Key, p => p.Value.Order().ToArray(), StringComparer.Ordinal);
    }
}
