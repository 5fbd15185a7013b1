import { describe, expect, it } from "vitest";
import { defaultExtractionCodebook } from "./default-codebook.ts";
import { extractDocument } from "./extract-document.ts";

const codebook = defaultExtractionCodebook();
const extract = (text: string, published: string | null = "2024-05-10") => extractDocument(text, { file: "report.txt", published, codebook });

describe("casualty categories marked by where the victims were", () => {
  it("counts the people of an attacked passenger bus as civilians", () => {
    const doc = extract("QUETTA: Gunmen ambushed a passenger bus in Kalat district on Wednesday, killing 9 people and injuring five others, police said.");
    expect(doc.events).toHaveLength(1);
    expect(doc.events[0]!.killed).toEqual({ security_forces: null, civilians: 9, militants: null, unknown: null });
    expect(doc.events[0]!.injured).toEqual({ security_forces: null, civilians: 5, militants: null, unknown: null });
  });

  it("leaves people near a market as unknown", () => {
    const doc = extract("QUETTA: A bomb exploded near a market in Kalat district on Wednesday, killing 9 people, police said.");
    expect(doc.events[0]!.killed.unknown).toBe(9);
    expect(doc.events[0]!.killed.civilians).toBeNull();
  });
});

describe("victims a later sentence identifies", () => {
  it("takes a schoolteacher among the dead out of the unknown rest", () => {
    const doc = extract("PESHAWAR: At least six people were killed in a blast in Bannu district on Monday, police said. Among the dead was a schoolteacher.");
    expect(doc.events[0]!.killed).toEqual({ security_forces: null, civilians: 1, militants: null, unknown: 5 });
  });

  it("takes a civilian named among the identified victims out of the unknown rest", () => {
    const doc = extract(
      "BANNU: A roadside bomb killed four people, including three policemen, in Bannu district on Monday, officials said.\n" +
        "The victims were identified as head constable Bilal Ahmed and constables Javed Iqbal and Naveed Anwar, along with a civilian cook.",
    );
    expect(doc.events[0]!.killed).toEqual({ security_forces: 3, civilians: 1, militants: null, unknown: null });
  });
});

describe("an attacker the text counts among the dead", () => {
  it("counts a bomber who was also killed, and a gunman shot dead by police", () => {
    const bomber = extract("KABUL: At least 7 worshippers were killed when a suicide bomber struck a mosque in Kunduz on Friday, officials said. Police said the bomber, who was also killed in the blast, had hidden among the crowd.");
    expect(bomber.events[0]!.killed).toEqual({ security_forces: null, civilians: 7, militants: 1, unknown: null });
    const gunman = extract("KABUL: Five worshippers were killed when a gunman opened fire on a shrine in Kunduz on Friday, officials said. The gunman, who had hidden in a side room, was shot dead by police.");
    expect(gunman.events[0]!.killed.militants).toBe(1);
  });

  it("adds nothing when the bomber only blew himself up", () => {
    const doc = extract("KABUL: At least 7 worshippers were killed when a suicide bomber blew himself up inside a mosque in Kunduz on Friday, officials said.");
    expect(doc.events[0]!.killed.militants).toBeNull();
  });
});

describe("a militant group's own account", () => {
  it("keeps the official toll over the attackers' claim", () => {
    const doc = extract(
      "QUETTA: A roadside bomb hit a Levies vehicle in Kalat district on Monday, killing one soldier, officials said.\n" +
        "“We attacked the enemy convoy with a remote-controlled device, killing five soldiers,” a spokesman for the BLF said.",
    );
    expect(doc.events[0]!.killed.security_forces).toBe(1);
  });
});

describe("places that only describe something", () => {
  it("does not open an incident at a '<place>-based' newspaper's city", () => {
    const doc = extract(
      "KHUZDAR: A local journalist was shot dead by unidentified gunmen in Khuzdar on Sunday evening, police said.\n" +
        "The victim, who worked for a Quetta-based daily, was on his way home. A passer-by was wounded in the leg.",
    );
    expect(doc.events).toHaveLength(1);
    expect(doc.events[0]!.admin2).toBe("Khuzdar");
  });
});

describe("a later sentence saying who all the casualties were", () => {
  it("makes an unknown injured count civilians when 'the wounded children' were all of them", () => {
    const doc = extract(
      "BAJAUR: Five people were injured when a mortar shell hit a house in Bajaur district on Friday, officials said.\n" +
        "The wounded children were shifted to a nearby hospital.",
    );
    expect(doc.events[0]!.injured).toEqual({ security_forces: null, civilians: 5, militants: null, unknown: null });
  });

  it("leaves a mixed toll alone", () => {
    const doc = extract(
      "BAJAUR: Five people, including a policeman, were injured when a mortar shell hit a house in Bajaur district on Friday, officials said.\n" +
        "The wounded children were shifted to a nearby hospital.",
    );
    expect(doc.events[0]!.injured).toEqual({ security_forces: 1, civilians: null, militants: null, unknown: 4 });
  });
});

describe("tolls of one incident told over several sentences", () => {
  it("adds the two sides of a border clash, each named by its nationality", () => {
    const doc = extract(
      "CHAMAN: Pakistani troops killed at least 12 Afghan Taliban soldiers in retaliatory fire along the border in Killa Abdullah district on Thursday, officials said.\n" +
        "Four Pakistani soldiers embraced shahadat in the exchange of fire, the military said.",
    );
    expect(doc.events).toHaveLength(1);
    expect(doc.events[0]!.killed.security_forces).toBe(16);
  });

  it("adds soldiers 'martyred' to the other side's dead, but not to a restatement", () => {
    const doc = extract(
      "PARACHINAR: Three soldiers were martyred when Afghan forces fired on a border post in Kurram district on Monday, the ISPR said.\n" +
        "Five Afghan border personnel were killed in the retaliatory fire, officials said.\n" +
        "The Foreign Office protested the killing of its three soldiers.",
    );
    expect(doc.events[0]!.killed.security_forces).toBe(8);
    const restated = extract("BANNU: Two soldiers were martyred in an attack on a check post in Bannu district on Sunday, the ISPR said.\nThe two martyred soldiers were identified as Sepoy Ali and Sepoy Khan.");
    expect(restated.events[0]!.killed.security_forces).toBe(2);
  });

  it("adds people a later sentence says were also hurt to a bare total", () => {
    const doc = extract("GHAZNI: A truck bomb exploded at an army base in Ghazni province on Monday, killing nine soldiers and wounding 14, officials said.\nFour civilians living nearby were also wounded.");
    // "killing nine soldiers and wounding 14": the 14 are soldiers too (no "others").
    expect(doc.events[0]!.injured).toEqual({ security_forces: 14, civilians: 4, militants: null, unknown: null });
    const among = extract("QUETTA: A bomb exploded in a market in Quetta on Monday, wounding 14 people, police said.\nFour children were among the wounded.");
    expect(among.events[0]!.injured).toEqual({ security_forces: null, civilians: 4, militants: null, unknown: 10 });
  });

  it("adds 'N others' set beside soldiers to militants counted in another sentence", () => {
    const doc = extract("KUNDUZ: Security forces killed 11 insurgents in an operation in Kunduz province on Sunday, and the operation also left six insurgents wounded, the army said.\nOne soldier was killed and three others were wounded, it added.");
    expect(doc.events[0]!.injured).toEqual({ security_forces: null, civilians: null, militants: 6, unknown: 3 });
    expect(doc.events[0]!.killed).toEqual({ security_forces: 1, civilians: null, militants: 11, unknown: null });
  });
});

describe("tolls a militant group claims after the official one", () => {
  it("keeps the official toll over a group's claim of its own kills", () => {
    const bla = extract("TURBAT: Two soldiers were martyred when militants attacked a convoy in Kech district on Sunday, the ISPR said.\nThe BLA said in a statement that its fighters had killed 15 soldiers.");
    expect(bla.events[0]!.killed.security_forces).toBe(2);
    const ttp = extract("BANNU: Gunmen killed five people, including a policeman, in Bannu district on Saturday, police said. The TTP claimed it had killed nine police officers.");
    expect(ttp.events[0]!.killed).toEqual({ security_forces: 1, civilians: null, militants: null, unknown: 4 });
  });
  it("still counts attackers the police say they killed, in an attack", () => {
    const doc = extract("BANNU: Two policemen were martyred when militants attacked a check post in Bannu on Monday. Police said they had killed two of the attackers in retaliatory fire.");
    expect(doc.events.map((e) => [e.type, e.killed.security_forces, e.killed.militants])).toEqual([["attack", 2, 2]]);
  });
});

describe("updates and summaries", () => {
  it("adds 'N more' who died later to the incident's toll, up to the toll the report states", () => {
    const doc = extract("JAMRUD: Militants stormed a check post in Jamrud on Saturday night, the ISPR said. Four FC men embraced martyrdom in the attack.\nTwo more soldiers succumbed to their injuries on Sunday, taking the death toll to six.");
    expect(doc.events).toHaveLength(1);
    expect(doc.events[0]!.killed.security_forces).toBe(6);
  });
  it("does not add a lead's 'N more lives' (counted from earlier days) to the same day's details", () => {
    const doc = extract("PARACHINAR: Tribal clashes in Kurram claimed six more lives on Friday, officials said. Officials said four people were killed in Boshara while two others died in Pewar on Friday.", "2023-10-28");
    expect(doc.events[0]!.killed.unknown).toBe(6);
  });
  it("dates incidents a summary introduces ('… in two attacks on Monday') by the summary's day", () => {
    const doc = extract("PESHAWAR: Seven people were killed in two separate attacks in Khyber Pakhtunkhwa on Monday. In the first attack, gunmen killed three policemen at a checkpoint in Bannu. In the second, a roadside bomb killed four civilians in Lakki Marwat.");
    expect(doc.events.map((e) => [e.admin2, e.date])).toEqual([["Bannu", "2024-05-06"], ["Lakki Marwat", "2024-05-06"]]);
  });
});

describe("who the rest of a toll were", () => {
  it("reads 'others who lost their lives included shopkeepers' as the civilians among the rest", () => {
    const doc = extract("QUETTA: At least 12 people were killed in a blast in a Quetta market on Friday, officials said. Two policemen were among the dead. Others who lost their lives included traders and labourers.");
    expect(doc.events[0]!.killed).toEqual({ security_forces: 2, civilians: 10, militants: null, unknown: null });
  });
  it("reads 'the other injured, all shopkeepers' likewise, and leaves the rest unknown otherwise", () => {
    const doc = extract("PESHAWAR: Nine people, including three policemen, were injured when a bomb went off in a Peshawar bazaar on Tuesday, police said. The other injured, all shopkeepers, were taken to hospital.");
    expect(doc.events[0]!.injured).toEqual({ security_forces: 3, civilians: 6, militants: null, unknown: null });
    const plain = extract("PESHAWAR: Nine people, including three policemen, were injured when a bomb went off in a Peshawar bazaar on Tuesday, police said.");
    expect(plain.events[0]!.injured).toEqual({ security_forces: 3, civilians: null, militants: null, unknown: 6 });
  });
});

describe("a running total over several days", () => {
  it("takes the part a day's incident added, not the total since the fighting began", () => {
    const doc = extract(
      "PARACHINAR: Tribal clashes in Kurram killed three people on Sunday, officials said. Officials said 41 people, including 12 wounded in Sunday's fighting, had been injured over the past five days.",
    );
    expect(doc.events[0]!.injured.unknown).toBe(12);
  });
  it("keeps a plain total with its parts", () => {
    const doc = extract("PARACHINAR: Officials said 41 people, including 12 policemen, were injured in clashes in Kurram on Sunday.");
    expect(doc.events[0]!.injured).toEqual({ security_forces: 12, civilians: null, militants: null, unknown: 29 });
  });
});

describe("an attacker who died", () => {
  it("counts 'the attacker also died' and 'the bomber himself died' among the dead", () => {
    const doc = extract("KARACHI: Two foreign engineers were killed in a suicide attack on their convoy in Karachi on Sunday night, officials said. The attacker also died in the blast.");
    expect(doc.events[0]!.killed).toEqual({ security_forces: null, civilians: 2, militants: 1, unknown: null });
  });
});

describe("a list of the dead in the sentence that gives the total", () => {
  it("reads 'the dead included two children' as parts of the total told before it", () => {
    const doc = extract("KABUL: Six people were killed and 14 others wounded when a bomb exploded in a minibus in Kabul on Tuesday, police said, adding that the dead included a woman and two children.");
    expect(doc.events[0]!.killed).toEqual({ security_forces: null, civilians: 3, militants: null, unknown: 3 });
    expect(doc.events[0]!.injured.unknown).toBe(14);
  });
  it("keeps two separate counts when no list cue joins them", () => {
    const doc = extract("KABUL: Six people were killed when a bomb exploded in a minibus in Kabul on Tuesday, and two children died in a second blast nearby, police said.");
    expect(doc.events.reduce((sum, e) => sum + (e.killed.unknown ?? 0) + (e.killed.civilians ?? 0), 0)).toBe(8);
  });
});

describe("people added with 'also' before a later total", () => {
  it("does not add an attacker 'also killed' to a body count told after him", () => {
    const doc = extract("KARACHI: Two foreign nationals were killed in a suicide attack near the airport in Karachi on Sunday night, police said. The explosion also killed the suicide bomber. Three bodies were brought to the hospital, a surgeon said.");
    expect(doc.events[0]!.killed).toEqual({ security_forces: null, civilians: 2, militants: 1, unknown: null });
  });
});

describe("who the rest of a toll were", () => {
  it("reads 'the rest were employees' after a list of the dead", () => {
    const doc = extract("KABUL: Five people were killed when a bomb went off outside a bank in Kabul on Sunday, police said. A spokesman said the dead included a guard; the rest were employees of the bank.");
    expect(doc.events[0]!.killed).toEqual({ security_forces: 1, civilians: 4, militants: null, unknown: null });
  });
  it("reads 'the other N injured were customers' and 'the other two were a vendor and a boy'", () => {
    const injured = extract("QUETTA: Six people, including two policemen, were wounded when a grenade hit a tea stall in Quetta on Friday. The other four injured were customers of the stall.");
    expect(injured.events[0]!.injured).toEqual({ security_forces: 2, civilians: 4, militants: null, unknown: null });
    const dead = extract("BANNU: A roadside bomb killed three people in Bannu district on Tuesday, police said. One of the dead was a constable. The other two were a shopkeeper and a schoolboy.");
    expect(dead.events[0]!.killed).toEqual({ security_forces: 1, civilians: 2, militants: null, unknown: null });
  });
  it("reads 'two policemen among five hurt' as part of the five", () => {
    const doc = extract("Three soldiers among seven hurt in Kohat blast\nKOHAT: A bomb went off near an army truck in Kohat district on Monday, officials said.");
    expect(doc.events[0]!.injured).toEqual({ security_forces: 3, civilians: null, militants: null, unknown: 4 });
  });
});

describe("a figure the report says officials dismissed", () => {
  it("keeps the official toll, not the one dismissed as propaganda", () => {
    const doc = extract(
      "QUETTA: Four Levies personnel were martyred when militants attacked a post in Kalat district on Monday, officials said. Troops killed five of the attackers.\n" +
        "The group said 25 soldiers had been killed, a claim officials dismissed as propaganda.",
    );
    expect(doc.events[0]!.killed).toEqual({ security_forces: 4, civilians: null, militants: 5, unknown: null });
  });
});

describe("the wounded who later died", () => {
  it("moves them from the injured to the dead once", () => {
    const doc = extract("PESHAWAR: A bomb went off in a market in Bannu district on Monday, killing six shoppers and wounding nine, police said. Two of the wounded later died in hospital.");
    expect(doc.events[0]!.killed).toEqual({ security_forces: null, civilians: 8, militants: null, unknown: null });
    expect(doc.events[0]!.injured).toEqual({ security_forces: null, civilians: 7, militants: null, unknown: null });
  });
  it("takes a lead's 'N more died, raising the toll to T' as the rest of the toll it tells after", () => {
    const doc = extract(
      "KALAT: Three more passengers wounded in Friday's attack on a bus in Kalat district died on Sunday, raising the death toll to eleven, officials said.\n" +
        "Gunmen had opened fire on the bus, killing eight passengers and wounding ten.",
    );
    expect(doc.events[0]!.killed).toEqual({ security_forces: null, civilians: 11, militants: null, unknown: null });
    expect(doc.events[0]!.injured).toEqual({ security_forces: null, civilians: 7, militants: null, unknown: null });
  });
});

describe("a toll's shares told over several sentences", () => {
  it("adds 'Two were shopkeepers.' to the toll the share before it splits", () => {
    const doc = extract("QUETTA: Seven people were killed when a bomb went off in a bazaar in Quetta on Monday, police said. Of the dead, four were policemen. Two were vendors. The seventh has not been identified.");
    expect(doc.events[0]!.killed).toEqual({ security_forces: 4, civilians: 2, militants: null, unknown: 1 });
  });
});

describe("none of the people a sentence names", () => {
  it("reads 'No CTD official was hurt' as no security forces killed or injured", () => {
    const doc = extract("LAHORE: CTD personnel killed two terrorists in an exchange of fire in Sheikhupura district on Sunday, a spokesman said. No CTD official was hurt.");
    expect(doc.events[0]!.killed).toEqual({ security_forces: 0, civilians: null, militants: 2, unknown: null });
    expect(doc.events[0]!.injured).toEqual({ security_forces: 0, civilians: null, militants: null, unknown: null });
  });
});
