namespace Unmask.Screening.Names;

/// <summary>
/// Korean names written in Chinese characters (Hanja), as Chinese-language press and some OSINT notes write North Korean
/// names: 金正恩 is Kim Jong Un, which pinyin (Jin Zhengen) would never meet. A run of two to four characters that starts
/// with a Korean surname character and is made only of characters common in Korean names is also read in Korean (the
/// standard Sino-Korean readings, traditional and simplified forms), and then romanised as Hangul is.
/// </summary>
public static class KoreanHanja
{
    // Pairs of (character, Hangul reading), written as one string each so the table stays compact.
    private const string SurnamePairs =
        "金김李리朴박崔최鄭정郑정丁정姜강趙조赵조尹윤張장张장林림韓한韩한申신吳오吴오徐서權권权권黃황黄황安안宋송柳류劉류刘류洪홍全전高고" +
        "文문梁량孫손孙손裵배裴배白백許허许허南남沈심盧로卢로河하成성車차车차具구郭곽禹우朱주任임羅라罗라辛신閔민闵민陳진陈진池지嚴엄" +
        "严엄元원蔡채千천方방康강玄현咸함卞변廉렴楊양杨양邊변边변呂려吕려秋추魯로鲁로都도蘇소苏소石석宣선薛설馬마马마吉길周주延연魏위" +
        "表표明명奇기潘반王왕琴금玉옥陸륙陆륙印인孟맹卓탁秦진太태片편龍룡龙룡桂계慶경庆경";

    private const string GivenPairs =
        "正정恩은日일成성哲철男남浩호英영永영龍룡龙룡民민俊준賢현贤현秀수洙수淑숙順순顺순子자姬희姫희熙희喜희美미愛애爱애花화華화华화" +
        "光광國국国국明명勇용容용東동东동石석鐵철铁철虎호鎬호镐호聖성圣성誠성诚성星성松송善선仙선先선雪설春춘夏하秋추冬동一일三삼萬만" +
        "万만植식載재载재在재才재大대泰태太태澤택泽택天천學학学학漢한汉한海해亨형炯형衡형赫혁革혁顯현显현玄현慧혜惠혜弘홍洪홍和화煥환" +
        "焕환會회会회孝효勳훈勋훈輝휘辉휘興흥兴흥仁인寅인逸일林림立립章장長장长장貞정贞정廷정定정鍾종钟종鐘종宗종柱주周주珠주峻준浚준" +
        "中중重중智지志지知지鎭진鎮진镇진振진眞진真진珍진昌창彩채喆철淸청清청忠충治치七칠平평弼필厚후基기吉길起기奎규圭규均균根근甲갑" +
        "康강剛강刚강强강強강建건健건傑걸杰걸京경慶경庆경景경敬경卿경庚경桂계廣광广광九구求구君군軍군军군貴귀贵귀錦금锦금琴금洛락蘭란" +
        "兰란年년寧녕宁녕達달达달德덕道도斗두得득樂락乐락亮량良량烈렬禮례礼례祿록禄록倫륜伦륜律률利리麟린滿만满만命명茂무武무敏민珉민" +
        "博박範범范범炳병秉병丙병寶보宝보福복奉봉鳳봉凤봉富부斌빈彬빈士사思사山산相상祥상尙상尚상商상瑞서錫석锡석碩석硕석燮섭性성世세" +
        "小소素소昭소守수壽수寿수述술崇숭承승勝승胜승昇승時시时시信신新신實실实실心심岳악陽양阳양彦언如여然연淵연渊연榮영荣영泳영五오" +
        "完완旺왕宇우雨우祐우旭욱昱욱雲운云운源원遠원远원月월偉위伟위有유裕유允윤潤윤润윤銀은银은乙을義의义의宜의益익雄웅翼익億억亿억" +
        "奭석淳순舜순川천泉천女녀玉옥元원文문金금南남白백河하朱주安안宋송全전高고孫손許허黃황韓한張장崔최朴박徐서申신吳오尹윤趙조鄭정" +
        "李리姜강權권柳류梁량具구車차任임羅라陳진池지嚴엄蔡채千천方방楊양呂려魯로都도蘇소宣선馬마延연奇기王왕印인卓탁秦진片편";

    private static readonly Dictionary<char, char> Surnames = ToMap(SurnamePairs);
    private static readonly Dictionary<char, char> GivenNames = ToMap(GivenPairs);

    /// <summary>The Hangul reading of <paramref name="text"/> when it is one Korean name in Hanja (surname character first,
    /// two to four characters, spaces and a middle dot allowed between surname and given name); otherwise null.</summary>
    public static string? ReadAsKoreanName(string text)
    {
        var characters = text.Where(c => c is not (' ' or '·' or '・' or '\u00B7')).ToArray();
        if (characters.Length is < 2 or > 4 || !Surnames.TryGetValue(characters[0], out var surname))
        {
            return null;
        }
        var reading = new char[characters.Length];
        reading[0] = surname;
        for (var i = 1; i < characters.Length; i++)
        {
            if (!GivenNames.TryGetValue(characters[i], out var syllable))
            {
                return null;
            }
            reading[i] = syllable;
        }
        return new string(reading);
    }

    private static Dictionary<char, char> ToMap(string pairs)
    {
        var map = new Dictionary<char, char>();
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            map.TryAdd(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
