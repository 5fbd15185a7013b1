import { describe, expect, it } from "vitest";
import { defaultExtractionCodebook } from "./default-codebook.ts";
import { extractDocument } from "./extract-document.ts";

const codebook = defaultExtractionCodebook();

/** "metric value qualifier period" for each claim of a report, sorted. */
const claimsOf = (text: string, published: string): string[] =>
  extractDocument(text, { file: "report.txt", published, codebook })
    .claims.map((c) => `${c.metric} ${c.value} ${c.qualifier} ${c.period}`)
    .sort();

const expectClaims = (text: string, published: string, expected: string[]): void => {
  expect(claimsOf(text, published)).toEqual([...expected].sort());
};

describe("statistical claims", () => {
  it("counts, periods and qualifiers", () => {
    expectClaims(
      "Over the past five years, at least 3,100 soldiers have lost their lives fighting militants, the military spokesman told reporters on Monday.",
      "2024-05-14",
      ["killed 3100 at_least 2019-05/2024-05"],
    );
    expectClaims(
      "UNAMA recorded 2,400 civilian casualties in the first half of the year, including 700 deaths.",
      "2024-07-20",
      ["killed 700 exact 2024-01/2024-06"],
    );
    expectClaims(
      "Since January 2023, security forces have conducted more than 22,000 intelligence-based operations in Balochistan.",
      "2023-09-20",
      ["attacks 22000 at_least 2023-01/2023-09"],
    );
    expectClaims(
      "In 2023, 1,610 people lost their lives in 812 violent incidents, the Centre for Research and Security Studies said.",
      "2024-01-02",
      ["killed 1610 exact 2023", "attacks 812 exact 2023"],
    );
    expectClaims(
      "The province has witnessed 15 suicide bombings so far this year.",
      "2024-08-10",
      ["attacks 15 exact 2024"],
    );
    expectClaims(
      "Last year, militants killed 1,100 people in Pakistan, the highest number since 2015.",
      "2024-02-01",
      ["killed 1100 exact 2023"],
    );
    expectClaims(
      "Security forces killed 54 militants in operations across the tribal districts last month, the ISPR said in its monthly report.",
      "2024-06-02",
      ["killed 54 exact 2024-05"],
    );
    expectClaims(
      "The CTD arrested 1,050 suspects and killed 31 terrorists in 2,100 operations during 2023, its annual report said.",
      "2024-01-05",
      ["killed 31 exact 2023", "attacks 2100 exact 2023"],
    );
    expectClaims(
      "Two policemen were shot dead in Dera Ismail Khan on Sunday. It was the fifth attack on police in the district this month.",
      "2024-03-11",
      ["attacks 5 exact 2024-03"],
    );
    expectClaims(
      `The Afghan Taliban government's spokesman Zabihullah Mujahid said 42 Islamic State members were killed in raids in the past three months.`,
      "2023-11-20",
      ["killed 42 exact 2023-08/2023-11"],
    );
    expectClaims(
      `Since the Taliban returned to power in August 2021, more than 2,600 Pakistani security personnel have been killed, according to official data.`,
      "2024-09-01",
      ["killed 2600 at_least 2021-08/2024-09"],
    );
  });
  it("changes, shares and comparisons", () => {
    expectClaims(
      "Militants carried out 1,203 attacks across Pakistan in 2024, up 34 percent from the year before, the Pak Institute for Peace Studies said in its annual report.",
      "2025-01-03",
      ["attacks 1203 exact 2024", "percent_change 34 exact 2024"],
    );
    expectClaims(
      "According to the South Asia Terrorism Portal, 412 civilians and 388 security force personnel were killed in Khyber Pakhtunkhwa between January and October.",
      "2024-11-05",
      ["killed 412 exact 2024-01/2024-10", "killed 388 exact 2024-01/2024-10"],
    );
    expectClaims(
      "Police recorded 57 incidents of terrorism in the province during the first quarter of 2024, compared with 41 in the same period last year.",
      "2024-04-10",
      ["attacks 57 exact 2024-01/2024-03", "attacks 41 exact 2023-01/2023-03"],
    );
    expectClaims(
      "The number of suicide attacks fell to nine in 2023 from 14 a year earlier, the report said.",
      "2024-01-10",
      ["attacks 9 exact 2023", "attacks 14 exact 2022"],
    );
    expectClaims(
      "A report by the Islamabad Policy Research Institute found that drone attacks by militants rose 150pc in 2024.",
      "2025-02-01",
      ["percent_change 150 exact 2024"],
    );
    expectClaims(
      "Khyber Pakhtunkhwa saw the most violence in 2024, accounting for 68pc of all fatalities.",
      "2025-01-05",
      ["share_percent 68 exact 2024"],
    );
    expectClaims(
      "Fatalities among security forces declined by 12 per cent in 2022 compared to 2021.",
      "2023-01-05",
      ["percent_change -12 exact 2022"],
    );
    expectClaims(
      "There were 306 attacks in 2023 against 262 in 2022.",
      "2024-01-05",
      ["attacks 306 exact 2023", "attacks 262 exact 2022"],
    );
    expectClaims(
      "About 65 per cent of the attacks were claimed by the TTP.",
      "2024-01-05",
      ["share_percent 65 approximately null"],
    );
    expectClaims(
      "Militant violence claimed 2,300 lives in the first nine months of 2025, a rise of 45% over the same period of 2024.",
      "2025-10-05",
      ["killed 2300 exact 2025-01/2025-09", "percent_change 45 exact 2025-01/2025-09"],
    );
    expectClaims(
      `ISLAMABAD: Violence in the country surged in the second quarter, with 380 people killed in 240 incidents, the Centre for Research and Security Studies said on Monday.

Khyber Pakhtunkhwa bore the brunt, recording 67pc of the deaths, while Balochistan accounted for 25pc. The think tank said militants lost 190 fighters during the period.`,
      "2024-07-02",
      ["killed 380 exact 2024-04/2024-06", "attacks 240 exact 2024-04/2024-06", "share_percent 67 exact 2024-04/2024-06", "share_percent 25 exact 2024-04/2024-06", "killed 190 exact 2024-04/2024-06"],
    );
    expectClaims(
      `The military said 95 soldiers had been killed and 230 wounded in fighting with militants in the first four months of the year, compared with 60 killed in the same period of 2023.`,
      "2024-05-10",
      ["killed 95 exact 2024-01/2024-04", "injured 230 exact 2024-01/2024-04", "killed 60 exact 2023-01/2023-04"],
    );
    expectClaims(
      `Terror incidents rose by 65 per cent to 645 in 2023, the Pakistan Institute for Conflict and Security Studies reported.`,
      "2024-01-02",
      ["percent_change 65 exact 2023", "attacks 645 exact 2023"],
    );
  });
  it("incident tolls stay with the events", () => {
    expectClaims(
      "Five soldiers were martyred when militants attacked a check post in North Waziristan on Tuesday, the ISPR said.",
      "2024-05-15",
      [],
    );
    expectClaims(
      "Exports rose 12 percent in fiscal year 2024, the finance ministry said.",
      "2024-07-15",
      [],
    );
    expectClaims(
      "Last week, a bomb blast in Quetta killed nine people and wounded 20.",
      "2024-06-02",
      [],
    );
    expectClaims(
      "The death toll from Monday's bombing in Peshawar rose to 101, officials said.",
      "2023-02-01",
      [],
    );
    expectClaims(
      `KABUL: A roadside bomb struck a minibus in Kandahar province on Saturday, killing seven civilians, including three children, a provincial spokesman said.

No group claimed responsibility. Last month, a similar blast in the same district killed five people.`,
      "2021-03-14",
      [],
    );
    expectClaims(
      `QUETTA: Gunmen opened fire on a passenger coach on the National Highway near Kalat, killing 11 people, police said. In a separate incident, two Levies personnel were wounded in a grenade attack in Khuzdar.`,
      "2024-08-26",
      [],
    );
    expectClaims(
      `Bomb attacks in Balochistan increased nearly threefold in 2023.`,
      "2024-01-05",
      [],
    );
    expectClaims(
      `At least 12 people died and 25 were hurt in two separate bomb blasts in Quetta on Friday.`,
      "2024-02-10",
      [],
    );
    expectClaims(
      `Out of the 254 people killed, 112 were civilians.`,
      "2024-01-05",
      [],
    );
    expectClaims(
      `Police said the suspect had been involved in 14 attacks on security forces.`,
      "2024-01-05",
      [],
    );
  });
  it("stocks and reports across sentences", () => {
    expectClaims(
      "The Pentagon estimates that about 600,000 small arms and 2,000 armoured vehicles were left behind.",
      "2023-05-01",
      ["weapons 600000 approximately null", "vehicles 2000 exact null"],
    );
    expectClaims(
      "Taliban forces have seized over 200 tons of explosives and 5,000 rifles since 2022, the interior ministry spokesman said.",
      "2024-05-01",
      ["weapons 5000 exact 2022/2024"],
    );
    expectClaims(
      `PESHAWAR: Three policemen were martyred and two others injured when terrorists attacked a police post in Lakki Marwat late on Thursday night, officials said.

The attackers fled after a two-hour exchange of fire. A search operation was launched in the area.

The district has seen a spate of attacks on police this year. According to police records, 38 policemen have been martyred in the district since January.`,
      "2024-06-14",
      ["killed 38 exact 2024-01/2024-06"],
    );
    expectClaims(
      `Pakistan's interior ministry said on Thursday that 1,200 kilograms of explosives and 350 weapons had been recovered in operations this year.`,
      "2024-10-03",
      ["weapons 350 exact 2024"],
    );
  });
  it("background figures in incident reports, and what is not a claim", () => {
    expectClaims(
      `BANNU: Two soldiers were martyred in an exchange of fire with terrorists in Bannu on Wednesday, the ISPR said.

Militant attacks in Khyber Pakhtunkhwa have risen sharply this year, with 212 security personnel killed so far, according to provincial police data.

Earlier, terrorists killed two policemen in Tank district.`,
      "2024-07-11",
      ["killed 212 exact 2024"],
    );
    expectClaims(
      `Naqvi, 58, said 1,200 cases had been registered under the anti-terrorism act in 2023.`,
      "2024-01-05",
      [],
    );
    expectClaims(
      `The province's defence budget rose 15 percent to Rs 90 billion.`,
      "2024-06-12",
      [],
    );
    expectClaims(
      `LAHORE: The Punjab CTD said on Friday it had arrested 330 suspected terrorists in 2,150 intelligence-based operations across the province this year.`,
      "2024-11-01",
      ["attacks 2150 exact 2024"],
    );
    expectClaims(
      `KARACHI: Two Chinese nationals were killed and 10 others injured in a suicide attack near Karachi airport on Sunday night. It was the third attack on Chinese citizens this year.`,
      "2024-10-07",
      ["attacks 3 exact 2024"],
    );
    expectClaims(
      `According to data compiled by AFP, more than 1,600 people were killed in militant attacks in 2024.`,
      "2025-01-02",
      ["killed 1600 at_least 2024"],
    );
    expectClaims(
      `Nearly 700 security personnel lost their lives in 2024, a 40 percent increase, according to the ISPR.`,
      "2025-01-02",
      ["killed 700 approximately 2024", "percent_change 40 exact 2024"],
    );
    expectClaims(
      `A total of 14 terrorists were killed in three separate operations in North Waziristan, the ISPR said on Saturday.`,
      "2024-09-14",
      [],
    );
    expectClaims(
      `PESHAWAR: Militants attacked a police station in Dera Ismail Khan late on Monday, killing 10 policemen. The attack was the deadliest on police in the province this year.`,
      "2024-02-06",
      [],
    );
    expectClaims(
      `The monthly report said militants carried out 95 attacks in August, the highest monthly figure since 2014, killing 108 people.`,
      "2024-09-02",
      ["attacks 95 exact 2024-08", "killed 108 exact 2024-08"],
    );
  });
  it("tolls, ellipses, partitives and relative quarters", () => {
    expectClaims(
      `The death toll from militant violence in the province this year has reached 1,100, according to police.`,
      "2024-09-01",
      ["killed 1100 exact 2024"],
    );
    expectClaims(
      `Twenty-three soldiers have been martyred in the district so far this year.`,
      "2024-09-01",
      ["killed 23 exact 2024"],
    );
    expectClaims(
      `The number of attacks doubled to 48 in 2024, the think tank said.`,
      "2025-01-05",
      ["attacks 48 exact 2024"],
    );
    expectClaims(
      `Terrorist incidents declined to 120 in the third quarter from 150 in the previous quarter, the report said.`,
      "2024-10-05",
      ["attacks 120 exact 2024-07/2024-09", "attacks 150 exact 2024-04/2024-06"],
    );
    expectClaims(
      `Of the 300 people killed this year, 180 were civilians.`,
      "2024-09-01",
      ["killed 300 exact 2024", "killed 180 exact 2024"],
    );
    expectClaims(
      `Some 45 per cent of the victims were civilians, the report said.`,
      "2024-09-01",
      ["share_percent 45 approximately null"],
    );
    expectClaims(
      `The US has offered a $5 million reward for information on the group's leader.`,
      "2024-09-01",
      [],
    );
    expectClaims(
      `PICSS said militants carried out 74 attacks in March. This was the highest monthly figure since 2015. The attacks killed 117 people.`,
      "2024-04-02",
      ["attacks 74 exact 2024-03", "killed 117 exact 2024-03"],
    );
    expectClaims(
      `Militant attacks in the country have increased by 300pc since 2021, officials said.`,
      "2024-06-01",
      ["percent_change 300 exact 2021/2024"],
    );
    expectClaims(
      `The ISPR said 137 terrorists were killed in 2,000 IBOs in April.`,
      "2024-05-03",
      ["killed 137 exact 2024-04", "attacks 2000 exact 2024-04"],
    );
    expectClaims(
      `Nearly 2x soldiers embraced shahadat while 4x terrorists were sent to hell during the operation in Tirah on Monday.`,
      "2024-05-03",
      [],
    );
    expectClaims(
      `He said a dozen attacks had been foiled this month.`,
      "2024-05-20",
      ["attacks 12 exact 2024-05"],
    );
    expectClaims(
      `Since the start of the year, 64 policemen have been martyred and 120 injured in the province.`,
      "2024-05-20",
      ["killed 64 exact 2024-01/2024-05", "injured 120 exact 2024-01/2024-05"],
    );
  });
  it("one incident told as background is not a claim; a conflict over time is", () => {
    expectClaims(
      `RAWALPINDI: Security forces conducted an intelligence-based operation in the Datta Khel area of North Waziristan on the reported presence of khwarij. During the operation, own troops effectively engaged the khwarij location and resultantly, 6 khwarij were sent to hell. Security forces are determined to wipe out the menace of terrorism from the country.`,
      "2024-06-12",
      [],
    );
    expectClaims(
      `The incident comes days after 12 soldiers were martyred in a suicide attack in Bannu.`,
      "2024-06-12",
      [],
    );
    expectClaims(
      `Police said 15 suspects were arrested and 30 kilograms of explosives recovered during the raids.`,
      "2024-06-12",
      [],
    );
    expectClaims(
      `The attack was the deadliest since 2023, when 84 people were killed in a bombing at a mosque in Peshawar.`,
      "2024-06-12",
      [],
    );
    expectClaims(
      `In 2023, a suicide bomber killed over 80 policemen at a mosque in Peshawar.`,
      "2024-06-12",
      [],
    );
    expectClaims(
      `At least 1,000 people have died in the fighting since 2021, according to a local rights group.`,
      "2024-06-12",
      ["killed 1000 at_least 2021/2024"],
    );
    expectClaims(
      `Nine people, including four children, were killed when a mortar shell hit a house in Bajaur on Monday. The district has witnessed 14 such incidents this year.`,
      "2024-06-12",
      ["attacks 14 exact 2024"],
    );
    expectClaims(
      `Two years ago, 40 people were killed in a similar attack in the same market.`,
      "2024-06-12",
      [],
    );
  });
  it("ranges of figures, partitives of deaths and verbs before bare numbers", () => {
    expectClaims(
      `Fatalities in the province rose from 230 in 2022 to 310 in 2023, the report said.`,
      "2024-01-05",
      ["killed 230 exact 2022", "killed 310 exact 2023"],
    );
    expectClaims(
      `Attacks on polio teams were down 15 per cent in 2023, officials said.`,
      "2024-01-05",
      ["percent_change -15 exact 2023"],
    );
    expectClaims(
      `The report recorded a year-on-year increase of 12% in militant attacks during 2023.`,
      "2024-01-05",
      ["percent_change 12 exact 2023"],
    );
    expectClaims(
      `Khyber Pakhtunkhwa accounted for 1,100 of the deaths recorded in 2023.`,
      "2024-01-05",
      ["killed 1100 exact 2023"],
    );
    expectClaims(
      `The TTP has around 6,500 fighters in Afghanistan, according to a UN report.`,
      "2024-01-05",
      [],
    );
    expectClaims(
      `Security forces have killed 354 terrorists and arrested 1,100 others in the first half of this year.`,
      "2024-07-05",
      ["killed 354 exact 2024-01/2024-06"],
    );
    expectClaims(
      `The figure stood at 1,500 deaths in 2022.`,
      "2024-01-05",
      ["killed 1500 exact 2022"],
    );
    expectClaims(
      `Balochistan witnessed 171 attacks in 2023, killing 286 people and injuring 442, according to the PIPS report.`,
      "2024-01-05",
      ["attacks 171 exact 2023", "killed 286 exact 2023", "injured 442 exact 2023"],
    );
  });
  it("percentages about budgets and the economy are not conflict statistics", () => {
    expectClaims("The counter-terrorism budget rose 15 percent to Rs 90 billion.", "2024-06-12", []);
    expectClaims("Attacks on security forces rose 10 percent in 2023, the report said.", "2024-01-05", ["percent_change 10 exact 2023"]);
  });
  it("a bare number takes the metric of earlier sentences only in a pair or brackets", () => {
    expectClaims("Militants carried out 80 attacks in 2023, the report said. The number of districts affected rose to 15.", "2024-01-05", ["attacks 80 exact 2023"]);
  });
  it("an incident ends a run of statistics and the period it carried", () => {
    expectClaims(
      "The report said militants carried out 300 attacks in 2023. On Monday, gunmen killed two policemen in Tank. Police data shows 45 policemen were martyred in the district.",
      "2024-05-10",
      ["attacks 300 exact 2023", "killed 45 exact null"],
    );
  });
  it("attributes figures to the source named in the sentence or before it", () => {
    const document = extractDocument(
      "ISLAMABAD: Violence rose in the second quarter, with 380 people killed in 240 incidents, the Centre for Research and Security Studies (CRSS) said on Monday.\n\nThe think tank said militants lost 190 fighters during the period.",
      { file: "report.txt", published: "2024-07-02", codebook },
    );
    expect(document.claims.map((c) => c.attributed_to)).toEqual(["Centre for Research and Security Studies", "Centre for Research and Security Studies", "Centre for Research and Security Studies"]);
    const minister = extractDocument("Interior Minister Ali Raza told the Senate on Tuesday that 450 terrorists had been killed in operations this year.", { file: "report.txt", published: "2025-05-06", codebook });
    expect(minister.claims.map((c) => c.attributed_to)).toEqual(["Ali Raza"]);
  });

  it("leaves one seizure's haul to its event, and never reads a model name as a count", () => {
    expectClaims(
      "GWADAR, 3 May 2025 — Levies in Gwadar district recovered 30 Kalashnikov rifles and 6,000 rounds of ammunition from a boat near Jiwani on Friday, officials said. " +
        "The seized M16 rifles carried import markings.",
      "2025-05-04",
      [],
    );
    expectClaims(
      "Customs officials said they had seized more than 1,500 weapons at border crossings across the country over the past year.",
      "2025-05-04",
      ["weapons 1500 at_least 2024-05/2025-05"],
    );
  });
  it("ends the parts of a total at a new clause", () => {
    expectClaims(
      "Militants carried out 82 attacks across Pakistan in July, PICSS said in its monthly report. The attacks killed 101 people, including 47 security personnel, the think tank said, while 123 people were injured.",
      "2025-08-02",
      ["attacks 82 exact 2025-07", "killed 101 exact 2025-07", "killed 47 exact 2025-07", "injured 123 exact 2025-07"],
    );
  });
});

