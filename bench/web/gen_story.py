#!/usr/bin/env python3
"""Writes a JSONL stream of N fictional articles about one developing story
(a fire in the invented Harlow Reach rail tunnel), from 20 invented outlets
over five days, for the web benchmark: the pipeline turns it into one story
page with N articles. Deterministic (fixed seed). Everything here is fiction
written for storyline's benchmarks.

usage: gen_story.py N OUT.jsonl
"""
import json
import random
import sys

OUTLETS = ["Harlow Evening Star", "Reach Valley Times", "The Northline Post",
           "Calloway Courier", "Brindle Daily", "The Tamsworth Ledger",
           "Ferrow Bay Record", "The Glasswater News", "Upland Chronicle",
           "The Morrow Gazette", "Kettleby Standard", "The Eastmarch Journal",
           "Sallow Point Herald", "The Wrenfield Mercury", "Oxley Observer",
           "The Pellham Tribune", "Corran Valley Voice", "The Linden Dispatch",
           "Marsh End Monitor", "The Quarry Town Bulletin"]

FACTS = [
    "Fire broke out on Monday night in the Harlow Reach rail tunnel, trapping a freight train carrying timber and diesel.",
    "Firefighters from Harlow Reach and Calloway fought the blaze for 19 hours before declaring it out on Tuesday evening.",
    "Rail operator Northline Rail said the tunnel would stay closed for at least three weeks while engineers inspect the lining.",
    "Two train drivers escaped through an emergency shaft and were treated for smoke inhalation at Harlow Reach General Hospital.",
    "Fire chief Oona Barlett said temperatures inside the tunnel reached more than 900 degrees Celsius.",
    "About 40,000 daily passengers between Harlow Reach and Tamsworth face bus replacement services during the closure.",
    "Investigators from the Rail Accident Board arrived on Wednesday to examine the wagon where the fire is thought to have started.",
    "Northline Rail chief executive Piers Aldane apologised to passengers and promised a full account of the fire.",
    "Freight companies warned that timber deliveries to the Calloway sawmills would be delayed for weeks.",
    "Engineers found cracks in a 60-metre section of the tunnel lining on Thursday, Northline Rail said.",
    "Local residents near the tunnel portal were told to keep windows shut on Tuesday because of the smoke.",
    "The Harlow Reach tunnel, opened in 1911, is the only rail link between the Reach valley and the coast.",
    "Transport minister Delia Strand visited the site on Wednesday and promised money for repairs.",
    "The Rail Accident Board said a preliminary report on the Harlow Reach tunnel fire would be published within 30 days.",
    "Union leaders called for a review of how diesel and timber are carried together through long tunnels.",
]
QUOTES = [
    "\u201cThe crews did remarkable work in conditions close to an oven,\u201d fire chief Oona Barlett said.",
    "\u201cWe owe our passengers a full and honest account of what happened,\u201d Piers Aldane said.",
    "\u201cThis tunnel is the lifeline of the valley and it will be repaired,\u201d Delia Strand told reporters.",
]
TITLES = [
    "Fire in Harlow Reach rail tunnel traps freight train",
    "Harlow Reach tunnel fire: drivers escape through emergency shaft",
    "Harlow Reach rail tunnel closed for weeks after fire",
    "Firefighters put out Harlow Reach tunnel blaze after 19 hours",
    "Harlow Reach tunnel fire disrupts 40,000 daily passengers",
    "Investigators examine wagon in Harlow Reach tunnel fire",
]
DAY0 = 1767000000 - 1767000000 % 86400  # a fixed midnight (UTC)


def main():
    n = int(sys.argv[1])
    rng = random.Random(7)
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for i in range(n):
            outlet = OUTLETS[i % len(OUTLETS)]
            k = 6 + rng.randrange(4)
            facts = [FACTS[0]] + rng.sample(FACTS[1:], k - 1)
            if rng.random() < 0.7:
                facts.insert(2, rng.choice(QUOTES))
            title = rng.choice(TITLES)
            t = DAY0 + 20 * 3600 + i * (3 * 86400 // n)
            slug = outlet.lower().replace(" ", "-")
            out.write(json.dumps({
                "url": f"https://{slug}.example/news/harlow-reach-tunnel-{i}",
                "outlet": outlet,
                "title": title,
                "published": t,
                "language": "en",
                "text": "\n\n".join(facts),
            }, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
