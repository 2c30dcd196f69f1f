namespace Unmask.Vetting.Reference;

/// <summary>
/// Common given names and surnames of many origins (ASCII-folded, lower-case), used only by EMAIL_NAME_MISMATCH to recognise
/// that an e-mail local part spells some *other* person's name. The lists are deliberately broad across origins so no group's
/// names are more likely to be recognised than another's (INDICATORS.md §2 rule 6). Sources: national statistics offices'
/// most-common-name tables (US SSA, US Census 2010 surnames, UK ONS, Statistics Korea, China MPS 2020, India, Nigeria,
/// INE Spain/Mexico, Rosstat), as commonly summarised; a name being in the list is never a signal by itself.
/// </summary>
public static class NameDictionary
{
    public static readonly IReadOnlySet<string> GivenNames = new HashSet<string>(StringComparer.Ordinal)
    {
        // English-speaking
        "james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "charles", "christopher", "daniel",
        "matthew", "anthony", "mark", "steven", "paul", "andrew", "joshua", "kevin", "brian", "george", "edward", "ryan", "jacob",
        "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen", "emily", "emma",
        "olivia", "sophia", "hannah", "laura", "rachel", "amy", "anna", "kate", "lucy", "alice", "grace", "jack", "harry", "oliver",
        "tom", "peter", "simon", "alex", "sam", "ben", "chris", "mike", "nick", "jason", "eric", "adam", "scott", "justin",
        // Spanish / Portuguese
        "jose", "juan", "carlos", "luis", "miguel", "javier", "diego", "alejandro", "fernando", "jorge", "pedro", "pablo", "sergio",
        "maria", "carmen", "lucia", "sofia", "isabel", "ana", "valentina", "camila", "gabriela", "daniela", "mariana", "joao", "tomas",
        // Korean (revised romanisation and common spellings)
        "minjun", "seojun", "jiho", "junwoo", "hyunwoo", "jihun", "dongyun", "sungmin", "jiwoo", "seoyeon", "jiwon", "minji",
        "soyeon", "yuna", "hayoon", "jimin", "eunji", "hyejin", "jisoo", "youngho", "sanghoon", "jaehyun", "taeyang", "minho",
        // Chinese (pinyin)
        "wei", "fang", "jing", "lei", "min", "jun", "yan", "tao", "ming", "hui", "xin", "yong", "jie", "ping", "hao", "yu", "xiaoming",
        "lili", "jian", "qiang", "ying", "zhiwei", "xiaoling", "yifan", "zihan", "haoran",
        // Japanese
        "hiroshi", "takashi", "kenji", "yuki", "haruto", "sota", "yuto", "akira", "satoshi", "yui", "sakura", "aoi", "haruka", "naoko",
        // Vietnamese
        "minh", "anh", "linh", "huong", "thanh", "tuan", "dung", "hung", "lan", "trang",
        // South Asian
        "rahul", "amit", "priya", "anjali", "raj", "vikram", "sanjay", "arjun", "rohan", "neha", "pooja", "deepak", "suresh", "ravi",
        "aarav", "vivaan", "ananya", "kavya", "sunita", "lakshmi", "imran", "ayesha", "fatima",
        // West African
        "chinedu", "emeka", "ngozi", "chioma", "oluwaseun", "tunde", "adebayo", "yetunde", "aisha", "ibrahim", "kwame", "kofi",
        "ama", "abena", "chukwuemeka", "folake", "temitope", "babatunde", "uche", "ifeoma",
        // Arabic / Persian / Turkish
        "mohammed", "muhammad", "ahmed", "ali", "omar", "hassan", "hussein", "khalid", "youssef", "mustafa", "layla", "mariam",
        "zainab", "noor", "reza", "mehmet", "ayse", "emre", "elif",
        // Slavic / Eastern European
        "ivan", "dmitry", "sergei", "alexei", "andrei", "nikolai", "vladimir", "olga", "natalia", "tatiana", "irina", "ekaterina",
        "anastasia", "piotr", "tomasz", "katarzyna", "agnieszka", "jan", "petr", "oleksandr", "olena",
        // German / Nordic / French / Italian
        "hans", "jurgen", "lukas", "felix", "lena", "anja", "lars", "erik", "sven", "ingrid", "pierre", "jean", "louis", "camille",
        "chloe", "marco", "giuseppe", "luca", "giulia", "francesca",
    };

    public static readonly IReadOnlySet<string> Surnames = new HashSet<string>(StringComparer.Ordinal)
    {
        // English-speaking
        "smith", "johnson", "williams", "brown", "jones", "miller", "davis", "wilson", "anderson", "taylor", "thomas", "moore",
        "jackson", "martin", "lee", "thompson", "white", "harris", "clark", "lewis", "robinson", "walker", "young", "allen", "king",
        "wright", "scott", "green", "baker", "adams", "nelson", "hill", "campbell", "mitchell", "roberts", "carter", "phillips",
        "evans", "turner", "parker", "collins", "edwards", "stewart", "murphy", "cook", "morgan", "bell", "cooper", "ward", "jensen",
        "adler", "reed", "price", "hughes", "foster", "bennett", "gray", "wood", "kelly", "hall",
        // Spanish / Portuguese
        "garcia", "rodriguez", "martinez", "hernandez", "lopez", "gonzalez", "perez", "sanchez", "ramirez", "torres", "flores",
        "rivera", "gomez", "diaz", "reyes", "morales", "cruz", "ortiz", "gutierrez", "chavez", "silva", "santos", "oliveira",
        "pereira", "costa", "fernandez", "ruiz", "jimenez", "alvarez", "romero",
        // Korean
        "kim", "park", "choi", "jung", "jeong", "kang", "cho", "yoon", "jang", "lim", "han", "oh", "seo", "shin", "kwon", "hwang",
        "ahn", "song", "yoo", "hong", "jeon", "ko", "moon", "yang", "baek",
        // Chinese
        "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he",
        "gao", "lin", "luo", "zheng", "liang", "xie", "tang", "feng", "deng", "cao", "peng", "zeng", "wong", "chan", "cheung",
        // Japanese
        "sato", "suzuki", "takahashi", "tanaka", "watanabe", "ito", "yamamoto", "nakamura", "kobayashi", "kato", "yoshida", "yamada",
        // Vietnamese
        "nguyen", "tran", "le", "pham", "hoang", "phan", "vu", "dang", "bui", "do", "ngo",
        // South Asian
        "kumar", "sharma", "singh", "patel", "gupta", "reddy", "rao", "iyer", "nair", "shah", "mehta", "joshi", "das", "verma",
        "khan", "chowdhury", "banerjee", "mukherjee", "pillai", "menon",
        // West African
        "okafor", "okonkwo", "adeyemi", "oyelaran", "balogun", "eze", "nwosu", "adebayo", "olawale", "mensah", "owusu", "boateng",
        "abubakar", "bello", "danjuma", "obi", "chukwu", "afolabi", "ogunleye", "adewale",
        // Arabic / Persian / Turkish
        "haddad", "hassan", "ibrahim", "mansour", "nasser", "saleh", "khalil", "abdullah", "rahman", "hosseini", "ahmadi", "yilmaz",
        "kaya", "demir", "sahin", "celik",
        // Slavic / Eastern European
        "ivanov", "smirnov", "kuznetsov", "popov", "sokolov", "petrov", "volkov", "novak", "kowalski", "nowak", "wisniewski",
        "dvorak", "horvat", "kovalenko", "shevchenko", "bondarenko", "ivanova", "petrova",
        // German / Nordic / French / Italian
        "muller", "schmidt", "schneider", "fischer", "weber", "meyer", "wagner", "becker", "hansen", "johansson", "nielsen",
        "larsen", "dubois", "moreau", "laurent", "bernard", "rossi", "russo", "ferrari", "esposito", "bianchi",
    };
}
