/// Swedish filler prose written for this project. `{org}`, `{year}` and `{region}` are filled in.
enum Filler {
    static let sentences = [
        "Förbundet har under {year} fortsatt att stärka samverkan mellan medlemmarna kring personer som behöver stöd från flera håll.",
        "Styrelsen har sammanträtt sex gånger under året och följt verksamheten genom ekonomiska rapporter och besök i insatserna.",
        "Beredningsgruppen har träffats varje månad och förberett ärenden inför styrelsens möten.",
        "Insatserna riktar sig till personer i arbetsför ålder som står långt från arbetsmarknaden.",
        "Under hösten genomfördes en gemensam utvecklingsdag för styrelse, beredningsgrupp och insatsernas personal.",
        "Deltagarnas egna berättelser visar att ett samlat stöd gör det lättare att ta nästa steg mot arbete eller studier.",
        "Kansliet har arbetat med att förenkla rutinerna för anmälan och uppföljning av deltagare.",
        "Samverkan med hälso- och sjukvården i {region} har utvecklats genom regelbundna avstämningar.",
        "Förbundets medel ska användas till insatser som ingen av parterna ensam kan erbjuda.",
        "Arbetet med jämställdhet följs upp genom att all statistik redovisas uppdelad på kvinnor och män.",
        "En extern utvärdering av den största insatsen påbörjades under våren och redovisas under nästa år.",
        "Antalet nya deltagare var något lägre än året innan, främst på grund av en vakans under sommaren.",
        "Flera deltagare har gått vidare till anställning med stöd, studier eller praktik på en ordinarie arbetsplats.",
        "Förbundet deltar i det regionala nätverket för samordningsförbund och i nationella konferenser.",
        "Medlemssamrådet hölls i april med representanter för samtliga medlemmar.",
        "Styrelsen bedömer att verksamheten har bedrivits i enlighet med förbundsordningen och verksamhetsplanen.",
        "Uppföljningen av insatserna sker i det nationella uppföljningssystemet och genom kvartalsvisa rapporter.",
        "Likviditeten har varit god under hela året och förbundet har inte haft behov av att låna.",
        "Det egna kapitalet ligger inom den nivå som nationella rådet rekommenderar.",
        "Inför kommande år planeras en ny insats för unga vuxna i samarbete med kommunernas arbetsmarknadsenheter.",
        "Personalen i insatserna har fått handledning och gemensam kompetensutveckling under året.",
        "Arbetsgivarkontakterna har breddats, bland annat genom träffar med det lokala näringslivet.",
        "Förbundets hemsida har uppdaterats så att information om insatserna blir lättare att hitta.",
        "Revisorerna har granskat verksamheten och räkenskaperna och lämnat sin berättelse till medlemmarna.",
        "Intern kontroll har genomförts enligt den plan som styrelsen fastställde i början av året.",
        "Kostnaderna för administration har hållits på en låg nivå i förhållande till förbundets totala omslutning.",
        "De ekonomiska ramarna för kommande år bygger på oförändrade bidrag från medlemmarna.",
        "Medarbetarna i insatserna beskriver att samarbetet över organisationsgränserna har blivit tydligare.",
        "{org} har under året deltagit i ett nationellt lärande kring stegförflyttningar.",
        "Deltagarnas synpunkter samlas in löpande och används för att utveckla arbetssätten.",
        "Under våren genomfördes en gemensam kartläggning av behoven hos personer med långvarig sjukskrivning.",
        "En arbetsgrupp har tagit fram en ny modell för gemensamma bedömningar av arbetsförmåga.",
        "Resultatet för året påverkas av att en insats startade senare än planerat.",
        "Förbundet har tecknat nya överenskommelser om lokaler och administrativt stöd med en av medlemskommunerna.",
        "Den digitala mötesformen har behållits för kortare avstämningar medan större träffar sker på plats.",
    ]

    static func paragraph(_ rng: inout SeededRandom, sentences count: Int, org: String, year: Int, region: String) -> String {
        // Distinct sentences within a paragraph.
        var pool = sentences
        return (0..<min(count, pool.count)).map { _ in pool.remove(at: rng.int(0...(pool.count - 1))) }
            .map { $0.replacingOccurrences(of: "{org}", with: org)
                     .replacingOccurrences(of: "{year}", with: String(year))
                     .replacingOccurrences(of: "{region}", with: region) }
            .joined(separator: " ")
    }
}

import Foundation
