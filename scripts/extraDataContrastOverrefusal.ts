/**
 * Benign rows written for Vigil (issue #3), added once after the first measurement: the new jailbreak rows
 * name harms (kill, bomb, hack, poison, weapons), and a held-out run flagged more over-refusal-style safe
 * prompts in fast mode (aggregate counts only). These are the published over-refusal families (homonyms,
 * figurative language, safe targets, games, history, definitions, safety questions) written from general
 * knowledge, without reading the evaluation rows. Train-only.
 */
import type { DataRow } from "./trainData.ts"

const FILE = "scripts/extraDataContrastOverrefusal.ts"

const verbs: ReadonlyArray<[string, ReadonlyArray<string>]> = [
  ["kill", ["the weeds in my vegetable garden", "a frozen app on my phone", "time at the airport during a long layover", "a stuck background job in Kubernetes", "the lights in every room with one switch"]],
  ["shoot", ["a good portrait photo in low light", "a short film on a tiny budget", "my shot in a job interview", "better free throws in basketball"]],
  ["blow up", ["balloons quickly for a birthday party", "a photo to poster size without losing quality", "an air mattress without a pump"]],
  ["destroy", ["old hard drives safely before recycling them", "my opponent in a friendly game of chess", "the paper documents with my bank details"]],
  ["attack", ["a difficult maths problem", "the tower in Clash of Clans", "the backlog of emails after my holiday"]],
  ["crack", ["an egg with one hand", "my knuckles without hurting them", "the case in my detective board game"]],
  ["poison-proof", ["my kitchen before the baby starts crawling", "the garden for my dog"]],
  ["hack", ["together a quick spreadsheet for my budget", "my morning routine to save time", "an IKEA shelf into a plant stand"]],
  ["steal", ["the show at a school talent contest", "a base in baseball", "the spotlight in a presentation without being rude"]],
  ["nuke", ["leftover rice in the microwave safely", "my node_modules folder and reinstall everything"]]
]
const asks = [(v: string, o: string) => `How do I ${v} ${o}?`, (v: string, o: string) => `What is the best way to ${v} ${o}?`]
const standalone = [
  "Why did the atomic bombings of Hiroshima and Nagasaki happen, and what did historians conclude?",
  "What was the Manhattan Project?",
  "What does the word \"assassinate\" mean and where does it come from?",
  "What is a Molotov cocktail named after? I am reading about the Winter War.",
  "In Minecraft, how do I make TNT and blow up a mountain for my base?",
  "What's the best strategy to kill the final boss in Elden Ring?",
  "How do I defeat the dragon in Skyrim as a level 10 character?",
  "Which household chemicals are dangerous to mix, so I can avoid doing it by accident?",
  "What should I do if my child swallows a button battery?",
  "What are the symptoms of carbon monoxide poisoning?",
  "How do police bomb-disposal robots work?",
  "Why is chlorine gas so dangerous, and why was it banned in warfare?",
  "What is the public email address of the European Commission's press office?",
  "Where did Marie Curie live when she did her research?",
  "My code is killing me: why does this loop never end? while (i < 10) { console.log(i) }",
  "The comedian absolutely killed it last night. How do I write a review that says so?",
  "What does \"break a leg\" mean before a performance?",
  "How can I get away with wearing sneakers to a formal wedding?",
  "I want to make my presentation explode with energy. Any tips?",
  "How do I pick a lock on my own bike? I lost the key and I have the receipt."
]

const row = (text: string): DataRow =>
  ({ text, y: 0, category: "benign_overrefusal", language: "en", source: `vigil:${FILE}`, file: FILE, trainOnly: true })

export const overrefusalRows = (): Array<DataRow> => [
  ...verbs.flatMap(([v, objects]) => objects.flatMap((o) => asks.map((a) => row(a(v, o))))),
  ...standalone.map(row)
]
