import { describe, expect, it } from "vitest";
import { defaultExtractionCodebook } from "./default-codebook.ts";
import { extractDocument } from "./extract-document.ts";
import type { ExtractedEvent } from "./extraction-types.ts";

const codebook = defaultExtractionCodebook();
const extract = (text: string, published: string | null = "2024-05-10") => extractDocument(text, { file: "report.txt", published, codebook });
const brief = (e: ExtractedEvent) => ({ type: e.type, date: e.date, admin1: e.admin1, admin2: e.admin2, perpetrators: e.perpetrators, killed: e.killed, injured: e.injured });

describe("incidents assembled from a report", () => {
  it("reads a press release: headline and body are one operation, overnight is the day before", () => {
    const doc = extract(
      "Security forces neutralise 6 khwarij in Tank\n" +
        "RAWALPINDI: Security forces neutralised six terrorists of Fitna al Khawarij during an intelligence-based operation in Tank district overnight, the ISPR said on Thursday.\n" +
        '"During the conduct of operation, own troops effectively engaged the khwarij location and resultantly six khwarij were sent to hell," it said.\n' +
        "Weapons, ammunition and explosives were also recovered from the killed khwarij.",
    );
    expect(doc.events.map(brief)).toEqual([
      {
        type: "security_operation",
        date: "2024-05-09",
        admin1: "Khyber Pakhtunkhwa",
        admin2: "Tank",
        perpetrators: ["Pakistan security forces"],
        killed: { security_forces: null, civilians: null, militants: 6, unknown: null },
        injured: { security_forces: null, civilians: null, militants: null, unknown: null },
      },
    ]);
    expect(doc.events[0]!.evidence.length).toBeGreaterThanOrEqual(2);
  });

  it("keeps an updated toll and splits 'in a separate incident'", () => {
    const doc = extract(
      "PESHAWAR: The death toll from Monday's bombing at a mosque in the Peshawar Police Lines rose to 84 on Tuesday, officials said.\n" +
        "More than 150 people were injured in the blast, most of them policemen.\n" +
        "The banned Tehreek-e-Taliban Pakistan claimed responsibility for the attack.\n" +
        "In a separate incident, two policemen were martyred when militants attacked a checkpost in Lakki Marwat district late on Monday.",
      "2023-01-31",
    );
    expect(doc.events.map((e) => [e.type, e.date, e.admin2, e.killed.unknown ?? e.killed.security_forces, e.perpetrators])).toEqual([
      ["attack", "2023-01-30", "Peshawar", 84, ["Tehrik-i-Taliban Pakistan"]],
      ["attack", "2023-01-30", "Lakki Marwat", 2, []],
    ]);
    expect(doc.events[0]!.injured.unknown).toBe(150);
  });

  it("codes strikes on two provinces as two incidents by the striking state", () => {
    const doc = extract("KABUL: Pakistani air strikes hit Khost and Kunar provinces late on Monday, a Taliban spokesman said.", "2025-11-25");
    expect(doc.events.map((e) => [e.type, e.country, e.admin1, e.date, e.perpetrators])).toEqual([
      ["airstrike", "AF", "Khost", "2025-11-24", ["Pakistan security forces"]],
      ["airstrike", "AF", "Kunar", "2025-11-24", ["Pakistan security forces"]],
    ]);
  });

  it("codes a border exchange of fire between two states as a clash with both sides", () => {
    const doc = extract(
      "TORKHAM: Pakistani and Afghan border forces exchanged heavy fire at the Torkham border crossing late on Sunday night, killing two Afghan border guards and injuring three Pakistani soldiers, officials said on Monday.",
      "2023-02-20",
    );
    expect(doc.events).toHaveLength(1);
    expect(doc.events[0]).toMatchObject({ type: "armed_clash", date: "2023-02-19", admin2: "Khyber" });
    expect(new Set(doc.events[0]!.perpetrators)).toEqual(new Set(["Pakistan security forces", "Afghan Taliban"]));
  });

  it("dates background incidents and keeps them apart from the main one", () => {
    const doc = extract(
      "BANNU: A policeman was martyred when gunmen opened fire on a check post in Bannu on Wednesday.\n" +
        "Last year in November, three soldiers were martyred in a similar attack in the same district.",
    );
    expect(doc.events.map((e) => [e.date, e.admin2, e.killed.security_forces])).toEqual([
      ["2024-05-08", "Bannu", 1],
      ["2023-11", "Bannu", 3],
    ]);
  });

  it("finds nothing in meetings, statements and accidents", () => {
    expect(extract("ISLAMABAD: The prime minister chaired a meeting of the apex committee, which reviewed intelligence-based operations against terrorists.").events).toEqual([]);
    expect(extract("QUETTA: Five people were injured when a gas cylinder exploded in a hotel. The blast occurred while the cook was lighting the stove.").events).toEqual([]);
    expect(extract("").events).toEqual([]);
  });
});

describe("a report that opens with a toll and no word for the kind of incident", () => {
  it("reads a one-line report of militants killed by forces as an operation", () => {
    const doc = extract("LAKKI MARWAT: Security forces killed seven militants in Lakki Marwat district on Wednesday, the military said.");
    expect(doc.events.map((e) => [e.type, e.admin2, e.killed.militants])).toEqual([["security_operation", "Lakki Marwat", 7]]);
  });
  it("reads policemen martyred in a named district as an attack, and 'fired on' as an attack", () => {
    const martyred = extract("DERA ISMAIL KHAN: Three policemen were martyred in Dera Ismail Khan on Tuesday night, police said.");
    expect(martyred.events.map((e) => [e.type, e.admin2, e.killed.security_forces])).toEqual([["attack", "Dera Ismail Khan", 3]]);
    const fired = extract("Unknown men fired on a Levies vehicle in Kalat district on Monday, wounding two personnel, officials said.");
    expect(fired.events.map((e) => [e.type, e.injured.security_forces])).toEqual([["attack", 2]]);
  });
  it("does not make an incident of a headline alone or of a general statement", () => {
    expect(extract("Two soldiers martyred in Kurram").events).toEqual([]);
    expect(extract("Militants have killed hundreds of policemen in the province over the years, officials said.").events).toEqual([]);
  });
});

describe("web-page repetition, shared datelines and unverified claims", () => {
  it("does not open a second incident for a lead repeated under the byline", () => {
    const lead = "In yet another targeted killing, a shopkeeper was shot dead by unknown gunmen in Pakistan's Bannu district on Sunday.";
    const doc = extract(`${lead}\nStaff Reporter | Bannu | Updated: 12-05-2024\n${lead} Police said one man was killed and another was left seriously injured.`);
    expect(doc.events).toHaveLength(1);
    expect(doc.events[0]!.injured.unknown).toBe(1);
  });
  it("reads a dateline naming two places as the first one's, and 'have killed' as active", () => {
    const doc = extract("KANDAHAR/ HELMAND (AT) - Islamic Emirate forces in Kandahar said they have killed six Daesh members in the province.", "2023-06-10");
    expect(doc.events.map((e) => [e.admin1, e.killed.militants])).toEqual([["Kandahar", 6]]);
  });
  it("keeps the figure a report leads with over a claim it says could not be verified", () => {
    const doc = extract(
      "KABUL: Fighting broke out between Islamic Emirate forces and resistance fighters in Panjshir province on Sunday, officials said. Officials said nine resistance fighters were killed.\n" +
        "The front claimed it had killed 30 Taliban fighters, but the claim could not be independently verified.",
      "2022-09-12",
    );
    expect(doc.events[0]!.killed.militants).toBe(9);
    expect(doc.events[0]!.killed.security_forces).toBeNull();
  });
  it("gives a year's count of operations no incident toll", () => {
    const doc = extract(
      "RAWALPINDI: Security forces carried out 41,200 intelligence-based operations in 2023, in which 566 terrorists were killed, the military spokesman said on Friday.\n" +
        "On the night of December 20-21, security forces killed eight khwarij in an operation in the Datta Khel area of North Waziristan, while two soldiers were martyred.",
      "2023-12-29",
    );
    const operation = doc.events.find((e) => e.admin2 === "North Waziristan");
    expect(operation?.killed.militants).toBe(8);
    expect(doc.events.every((e) => (e.killed.militants ?? 0) < 100)).toBe(true);
  });
});

describe("actors read through the one registry", () => {
  it("does not read a police rank as a sectarian group, and names customs officials as themselves", () => {
    const doc = extract("KARACHI: A constable was martyred when gunmen opened fire on a police mobile in Karachi on Monday, SSP Operations said.", "2024-05-10");
    expect(doc.events[0]!.perpetrators).toEqual([]);
    const customs = extract("PESHAWAR: Customs officials seized 40 pistols and 3,000 rounds of ammunition from a truck at Torkham in Khyber district on Sunday.", "2024-05-10");
    expect(customs.events.map((e) => [e.type, e.perpetrators])).toEqual([["weapons_seizure", ["Pakistan Customs"]]]);
  });
  it("reads the Islamic State group in Afghanistan as its Khorasan branch", () => {
    const doc = extract("JALALABAD: A suicide bomber killed six worshippers at a mosque in Jalalabad on Friday; the Islamic State group claimed responsibility.", "2023-06-10");
    expect(doc.events[0]!.perpetrators).toEqual(["Islamic State Khorasan Province"]);
  });
});

describe("places whose name a coordination leaves to the second direction word", () => {
  it("reads 'North and South Waziristan' and 'Upper and Lower Dir' as two districts each", () => {
    const waziristan = extract("MIRANSHAH: Militants attacked security check posts in North and South Waziristan on Monday night, officials said.");
    expect(waziristan.events.map((e) => e.admin2).sort()).toEqual(["North Waziristan", "South Waziristan"]);
    const dir = extract("Gunmen attacked two polio teams in Upper and Lower Dir districts on Monday.");
    expect(dir.events.map((e) => e.admin2).sort()).toEqual(["Lower Dir", "Upper Dir"]);
  });
  it("leaves a direction that names no place alone", () => {
    const doc = extract("Militants attacked a check post in the north and south of Bannu district on Monday.");
    expect(doc.events.map((e) => e.admin2)).toEqual(["Bannu"]);
  });
});

describe("a second incident at the same place", () => {
  it("opens a new incident for 'However, a … attack' in the same area, with its own toll", () => {
    const doc = extract(
      "MASTUNG: The bodies of six abducted labourers were found in the hills near Mastung on Friday, police said.\n" +
        "However, a militant ambush on a Levies patrol in the same area led to an exchange of fire. One Levies man was martyred while three others were injured.",
    );
    expect(doc.events).toHaveLength(2);
    expect(doc.events[0]!.killed.civilians).toBe(6);
    expect(doc.events[1]!.killed.security_forces).toBe(1);
    expect(doc.events[1]!.injured.unknown).toBe(3);
  });
  it("does not read 'a second attacker' as a second attack", () => {
    const doc = extract(
      "NOSHKI: A suicide attack on an FC camp in Noshki was foiled on Tuesday night, officials said.\n" +
        "A second attacker wearing a suicide vest tried to storm the compound but was shot dead. Two FC personnel were martyred in the attack.",
    );
    expect(doc.events).toHaveLength(1);
    expect(doc.events[0]!.killed.security_forces).toBe(2);
  });
  it("reads 'N out of a total of M' as the incident's own count, not a statistic", () => {
    const doc = extract("MACHH: The bodies of 9 out of a total of 20 kidnapped passengers were found near Machh in Bolan district on Tuesday, officials said.");
    expect(doc.events.map((e) => [e.admin2, e.killed.civilians])).toEqual([["Bolan", 9]]);
  });
});

describe("phrasings seen in real reports (team dev set B)", () => {
  it("places a locality inside the district named after it, not at a namesake elsewhere", () => {
    const bagh = extract("PESHAWAR: Three soldiers were martyred when militants attacked a check post in the Bagh area of Khyber district on Sunday night, officials said.", "2025-03-11");
    expect(bagh.events.map((e) => [e.admin1, e.admin2, e.killed.security_forces])).toEqual([["Khyber Pakhtunkhwa", "Khyber", 3]]);
    const bazaar = extract("A policeman was martyred when gunmen opened fire on a police mobile in the Khyber Bazaar area of Peshawar on Monday, police said.", "2024-12-03");
    expect(bazaar.events.map((e) => [e.admin1, e.admin2])).toEqual([["Khyber Pakhtunkhwa", "Peshawar"]]);
    const gomal = extract("Security forces killed four terrorists in an intelligence-based operation in the Gomal area of Tank district on Monday, the ISPR said.", "2025-05-13");
    expect(gomal.events.map((e) => [e.country, e.admin2])).toEqual([["PK", "Tank"]]);
  });

  it("attaches a group that owned, took or claimed the attack in a later sentence", () => {
    const wordings = [
      "Islamic State Khorasan Province took responsibility for the shooting in a statement.",
      "IS-K claimed responsibility for the shooting on its Amaq channel.",
      "The Islamic State Khorasan Province owned the attack in a post on social media.",
      "Islamic State Khorasan Province claimed the killings.",
    ];
    for (const claim of wordings) {
      const doc = extract(`PESHAWAR: Gunmen opened fire on worshippers at a mosque in Peshawar during Friday prayers, killing four worshippers, police said.\n${claim}`, "2023-03-06");
      expect(doc.events.map((e) => [e.date, e.perpetrators])).toEqual([["2023-03-03", ["Islamic State Khorasan Province"]]]);
    }
  });

  it("names Baloch separatists only when no specific group is", () => {
    const doc = extract(
      "TURBAT: Four Levies personnel were martyred when armed men attacked a Levies post on the outskirts of Turbat on Thursday evening.\n" +
        "The Baloch Raaji Aajoi Sangar (BRAS), an alliance of Baloch separatist groups, owned the attack.",
      "2025-06-20",
    );
    expect(doc.events.map((e) => e.perpetrators)).toEqual([["Baloch Raaji Aajoi Sangar"]]);
  });

  it("yields no incident for a kidnapping for ransom by a criminal gang", () => {
    const doc = extract(
      "SUKKUR: A gang of dacoits kidnapped a grain trader on Tuesday night and demanded Rs10 million for his release, police said.\n" +
        "The SSP said raids were being conducted in the riverine area to recover the trader.",
      "2025-01-22",
    );
    expect(doc.events).toEqual([]);
    const militants = extract("LAKKI MARWAT: Militants kidnapped 11 labourers from a construction site on Tuesday and demanded ransom, police said.", "2026-01-14");
    expect(militants.events.map((e) => e.type)).toEqual(["attack"]);
  });

  it("dates an operation given as a day range from its first day to its last", () => {
    const doc = extract("Security forces conducted an intelligence based operation in Datta Khel, North Waziristan District, from 11 to 13 April, killing seven khwarij, the ISPR said.", "2025-04-14");
    expect(doc.events.map((e) => [e.date, e.date_end])).toEqual([["2025-04-11", "2025-04-13"]]);
  });
  it("sums a toll whose parts later sentences name", () => {
    const doc = extract(
      "LAKKI MARWAT: A bomb went off near a police van in the main bazaar of Serai Naurang on Monday, killing four people.\n" +
        "Two of the dead were policemen travelling in the van, the DPO said.\n" +
        "Of the injured, three were children.\n" +
        "Nine people were injured in all.",
      "2024-05-07",
    );
    expect(doc.events.map((e) => [e.killed, e.injured])).toEqual([
      [
        { security_forces: 2, civilians: null, militants: null, unknown: 2 },
        { security_forces: null, civilians: 3, militants: null, unknown: 6 },
      ],
    ]);
  });

  it("reads 'no one was hurt' as none killed and none injured", () => {
    const doc = extract("QUETTA: No one was hurt when unidentified men hurled a hand grenade at the house of a lawmaker on Jinnah Road late on Thursday night, police said.", "2025-05-30");
    expect(doc.events.map((e) => [e.date, e.killed.unknown, e.injured.unknown])).toEqual([["2025-05-29", 0, 0]]);
  });
  it("keeps an attack an attack when troops answer it with an operation", () => {
    const doc = extract(
      "QUETTA: Six FC personnel were martyred when militants stormed a check post in Kalat on Sunday night, officials said.\n" +
        "The BLA claimed it had killed 34 soldiers, a claim the military rejected.\n" +
        "Security forces later killed four attackers in a clearance operation in the area, the ISPR said.",
      "2025-10-01",
    );
    expect(doc.events.map((e) => [e.type, e.admin2, e.perpetrators, e.killed.security_forces, e.killed.militants])).toEqual([["attack", "Kalat", ["Balochistan Liberation Army"], 6, 4]]);
  });

  it("joins a headline naming only the province to the body's incident, and ignores an incident recalled by distance", () => {
    const doc = extract(
      "Three policemen martyred in KP attack\n" +
        "LAKKI MARWAT: Three policemen were martyred when militants attacked a police post late on Tuesday, officials said.\n" +
        "The attack came days after two soldiers were martyred in a roadside blast in neighbouring Bannu.",
      "2025-10-01",
    );
    expect(doc.events.map((e) => [e.date, e.admin2, e.killed.security_forces])).toEqual([["2025-09-30", "Lakki Marwat", 3]]);
  });
});

describe("a place name inside a hyphenated compound", () => {
  it("does not read Iran's Sistan-Baluchestan as Pakistan's Balochistan", () => {
    const doc = extract("ZARANJ: Two Iranian border guards were killed in an exchange of fire with Afghan forces near Iran's Sistan-Baluchestan on Saturday.\nThe clash broke out near a crossing in the Kang district.", "2023-05-28");
    expect(doc.events.map((e) => [e.country, e.admin2, e.killed.security_forces])).toEqual([["AF", "Kang", 2]]);
  });
  it("still reads a hyphenated province name as written", () => {
    const doc = extract("PESHAWAR: Two policemen were martyred in an attack in Khyber-Pakhtunkhwa's Bannu district on Monday.");
    expect(doc.events.map((e) => [e.admin1, e.admin2])).toEqual([["Khyber Pakhtunkhwa", "Bannu"]]);
  });
});

describe("where an incident happened, when the sentence names several places", () => {
  it("puts a place inside the larger place the text names after it, not at a namesake elsewhere", () => {
    const doc = extract("BARA: Four militants were killed when security forces raided a compound in the Maidan area of Tirah valley in Khyber district on Friday, officials said.", "2024-05-12");
    expect(doc.events.map((e) => [e.type, e.admin1, e.admin2, e.killed.militants])).toEqual([["security_operation", "Khyber Pakhtunkhwa", "Khyber", 4]]);
    const crossing = extract("WANA: Pakistani troops and Afghan border forces exchanged fire near the Angoor Adda crossing in Lower South Waziristan district on Sunday, injuring two civilians.", "2024-05-13");
    expect(crossing.events.map((e) => [e.type, e.country, e.admin2, e.injured.civilians])).toEqual([["armed_clash", "PK", "Lower South Waziristan", 2]]);
  });

  it("does not read the towns a road is named after as where the incident was", () => {
    const doc = extract("MASTUNG: Gunmen blocked the Quetta-Karachi highway near Khad Kocha in Mastung district on Saturday night and abducted four passengers, the Levies said.", "2024-05-13");
    expect(doc.events.map((e) => [e.type, e.admin2, e.date])).toEqual([["attack", "Mastung", "2024-05-11"]]);
  });

  it("reads a district and its Lower or Upper successor as one place", () => {
    const doc = extract(
      "Two soldiers martyred as attack on Chitral posts repulsed\n" +
        "CHITRAL: Two soldiers were martyred and five terrorists were killed when militants attacked border posts in Lower Chitral district on Sunday, the ISPR said.",
      "2024-05-13",
    );
    expect(doc.events.map((e) => [e.type, e.admin2, e.date, e.killed.security_forces, e.killed.militants])).toEqual([["attack", "Lower Chitral", "2024-05-12", 2, 5]]);
  });
});

describe("the lead of the body after a headline", () => {
  it("keeps a lead that states a toll, a place and a day though it names no kind of incident", () => {
    const doc = extract("Three killed in Karachi blast\nKARACHI: Three people were killed and five injured near Port Qasim on Friday night, police said.", "2024-05-13");
    expect(doc.events.map((e) => [e.admin1, e.date, e.killed.unknown, e.injured.unknown])).toEqual([["Sindh", "2024-05-10", 3, 5]]);
  });

  it("places the headline's incident at the body's dateline when the body names no other place", () => {
    const doc = extract("Six dead in bazaar blast\nPESHAWAR - Six people lost their lives on Monday when a bomb exploded in a crowded bazaar.", "2024-05-14");
    expect(doc.events.map((e) => [e.admin1, e.admin2, e.date, e.killed.unknown])).toEqual([["Khyber Pakhtunkhwa", "Peshawar", "2024-05-13", 6]]);
  });
});

describe("an incident that follows another", () => {
  it("opens a clash that broke out hours after an attack, dated to the attack's day, with the toll counted by a later morning", () => {
    const doc = extract(
      "KURRAM: Ten passengers were killed on Monday when gunmen opened fire on a convoy near Bagan.\n" +
        "Within hours, armed men from rival tribes exchanged fire in the nearby Alizai area.\n" +
        "By Tuesday morning, officials said, the clashes had claimed five lives.",
      "2024-05-14",
    );
    expect(doc.events.map((e) => [e.type, e.date, e.admin2, e.killed.civilians ?? e.killed.unknown])).toEqual([
      ["attack", "2024-05-13", "Kurram", 10],
      ["armed_clash", "2024-05-13", "Kurram", 5],
    ]);
  });

  it("reads rockets fired at a police station in another district as its own attack", () => {
    const doc = extract(
      "BANNU: A policeman was shot dead near a police station in Bannu on Monday.\n" + "Hours later, militants fired rockets at a police station in Lakki Marwat, injuring three constables.",
      "2024-05-14",
    );
    expect(doc.events.map((e) => [e.type, e.admin2, e.injured.security_forces])).toEqual([
      ["attack", "Bannu", null],
      ["attack", "Lakki Marwat", 3],
    ]);
  });
});

describe("events that should not exist, and places and kinds read from the incident's own words", () => {
  it("makes no incident of suspects detained with nothing recovered and no fighting", () => {
    const doc = extract(
      "KOHAT: Two policemen were martyred when gunmen opened fire on their patrol in Kohat on Sunday.\n" + "Separately, police in Karak said they had detained five suspects during a search operation in the city's outskirts.",
      "2024-05-13",
    );
    expect(doc.events.map((e) => [e.type, e.admin2, e.killed.security_forces])).toEqual([["attack", "Kohat", 2]]);
  });

  it("places an attack 'in Pakistan's' district in Pakistan though its attackers came 'from Afghan soil'", () => {
    const doc = extract(
      "KABUL: Pakistani jets bombed villages in Paktika province overnight, killing six civilians, a Taliban spokesman said on Tuesday.\n" +
        "The strikes followed a suicide bombing on Saturday at an army camp in Pakistan's Kurram district that killed nine soldiers. Islamabad blamed the attack on militants operating from Afghan soil.",
      "2024-05-14",
    );
    expect(doc.events.map((e) => [e.type, e.country, e.date])).toEqual([
      ["airstrike", "AF", "2024-05-13"],
      ["attack", "PK", "2024-05-11"],
    ]);
  });

  it("reads an alias that names a place in the other country as a local namesake beside the incident's province", () => {
    const doc = extract(
      "ASADABAD: Afghan border forces and Pakistani troops exchanged fire in the Dangam district of Kunar province on Sunday.\n" + "Three civilians were injured when shells hit their homes in the Shal area, Kunar's police chief said.",
      "2024-05-13",
    );
    expect(doc.events.map((e) => [e.type, e.country, e.admin1, e.injured.civilians])).toEqual([["armed_clash", "AF", "Kunar", 3]]);
  });

  it("reads an address 'near X, District Y' as a place in Y, and a plan 'to attack' as no attack", () => {
    const doc = extract(
      "LAHORE: CTD Punjab carried out an intelligence-based operation near Kot Sabzal, District Dera Ghazi Khan, on Sunday night on information that terrorists were planning to attack a bridge.\n" +
        "Three terrorists were killed in the exchange of fire, the CTD said.",
      "2024-05-14",
    );
    expect(doc.events.map((e) => [e.type, e.country, e.admin1, e.admin2, e.killed.militants])).toEqual([["security_operation", "PK", "Punjab", "Dera Ghazi Khan", 3]]);
  });
});

describe("figures that are an incident's, the other side's, or a period's", () => {
  it("takes no claim from the other side's figures for the incident", () => {
    const doc = extract(
      "QUETTA: Four soldiers were martyred when militants attacked a check post in Kalat district on Sunday.\n" +
        "The BLA claimed responsibility. Its spokesman said 30 soldiers had been killed, figures officials dismissed as propaganda.",
      "2024-05-14",
    );
    expect(doc.events.map((e) => [e.type, e.admin2, e.killed.security_forces])).toEqual([["attack", "Kalat", 4]]);
    expect(doc.claims).toEqual([]);
  });

  it("codes an older incident's toll in a background paragraph as its event only, not also as a claim", () => {
    const doc = extract(
      "TANK: A policeman was shot dead in Tank on Monday.\n" + "In March, a roadside bomb killed three soldiers near Kulachi, and last month militants stormed a health centre in the Daraban area, killing two policemen.",
      "2024-05-14",
    );
    expect(doc.events.map((e) => [e.date, e.killed.security_forces])).toEqual([
      ["2024-05-13", 1],
      ["2024-03", 3],
      ["2024-04", 2],
    ]);
    expect(doc.claims).toEqual([]);
  });

  it("reads a year's toll of 'attacks' as a claim and a year's seizures 'across the provinces' as no incident", () => {
    const toll = extract("Attacks killed more than 700 people in 2023, according to a think tank.", "2024-01-10");
    expect(toll.events).toEqual([]);
    expect(toll.claims.map((c) => [c.metric, c.value, c.period])).toEqual([["killed", 700, "2023"]]);
    const seized = extract("KANDAHAR: Officials said that in 2024 the forces seized more than 2,000 weapons in operations against smugglers across the southern provinces.", "2025-01-10");
    expect(seized.events).toEqual([]);
  });
});

describe("incidents told in passing", () => {
  it("reads people 'killed … by terrorists' in a named district as an attack of its own", () => {
    const doc = extract(
      "KABUL: Pakistani jets struck targets in Khost province early on Saturday, killing 20 civilians, officials said.\n" +
        'Islamabad said five Pakistani soldiers were killed in the Bajaur district by "terrorists operating from Afghanistan."',
      "2024-05-12",
    );
    expect(doc.events.map((e) => [e.type, e.country, e.admin1])).toEqual([
      ["airstrike", "AF", "Khost"],
      ["attack", "PK", "Khyber Pakhtunkhwa"],
    ]);
    expect(doc.events[1]!.killed.security_forces).toBe(5);
  });

  it("adds no month's toll with no place or incident word to the incident being told", () => {
    const doc = extract(
      "KURRAM: Nine people were killed in clashes between two tribes in Kurram on Friday, officials said.\n" + "Last month, 40 people were killed in the region over a land dispute.",
      "2024-05-12",
    );
    expect(doc.events.map((e) => [e.type, e.date, e.killed.unknown])).toEqual([["armed_clash", "2024-05-10", 9]]);
  });

  it("codes a dated line of a timeline and not its vaguer recall by year", () => {
    const doc = extract(
      "GWADAR: Militants attacked a convoy carrying foreign engineers in Gwadar on Sunday, officials said.\n" +
        "It was the biggest attack on foreigners after the suicide attack on a similar convoy in 2021.\n" +
        "July 2021: A bus carrying engineers was bombed, killing 13 people.",
      "2023-08-14",
    );
    expect(doc.events.map((e) => [e.date, e.killed.unknown])).toEqual([
      ["2023-08-13", null],
      ["2021-07", 13],
    ]);
  });
});

describe("kinds and places of seizures and of earlier operations", () => {
  it("reads rifles 'found' in a stopped truck as a seizure, and 'assault rifles' as no assault", () => {
    const doc = extract(
      "KANDAHAR: Border police in Spin Boldak district have seized a truck carrying weapons. Police said the truck was stopped at a checkpoint on Sunday.\n" +
        "Hidden under sacks of onions, police found 20 assault rifles and 500 rounds of ammunition.",
      "2024-05-14",
    );
    expect(doc.events.map((e) => [e.type, e.admin2])).toEqual([["weapons_seizure", "Spin Boldak"]]);
  });

  it("keeps a seizure where it happened, not at the city in the name of the office that reported it or where the arms were going", () => {
    const doc = extract(
      "LANDI KOTAL: Customs officials at Torkham on Monday foiled an attempt to smuggle weapons hidden in a truck.\n" +
        "According to the Collectorate of Customs Peshawar, the search led to the recovery of 12 pistols and 900 cartridges.\n" +
        "The arms were to be delivered in Peshawar, the statement said.",
      "2024-05-14",
    );
    expect(doc.events.map((e) => [e.type, e.admin2])).toEqual([["weapons_seizure", "Khyber"]]);
  });

  it("opens an operation that an 'earlier' sentence reports beside an attack", () => {
    const doc = extract(
      "BAJAUR: Three members of a family were injured when a mortar shell hit their house in Bajaur district on Thursday, police said.\n" +
        "Earlier in the week, the Bajaur administration imposed a two-day curfew at nine places in the district and initiated an operation against militants in the areas.",
      "2024-05-17",
    );
    expect(doc.events.map((e) => [e.type, e.admin2])).toEqual([
      ["attack", "Bajaur"],
      ["security_operation", "Bajaur"],
    ]);
  });
});
