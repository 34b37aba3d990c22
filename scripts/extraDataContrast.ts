/**
 * English benign rows written for Vigil (issue #3) as the contrast to extraDataJailbreaks.ts and
 * extraDataExtraction.ts: the same surface words (role-play, game, novel, grandmother, hypothetically,
 * spell backwards, first letters, base64, translate, repeat, password, system prompt, sudo, developer mode)
 * with harmless intent, so that the models learn the intent rather than the words. The extraction
 * disguises are reused verbatim on harmless objects. Train-only.
 */
import { disguises } from "./extraDataExtraction.ts"
import type { DataRow } from "./trainData.ts"
import { questions } from "./extraDataContrastQuestions.ts"

const FILE = "scripts/extraDataContrast.ts"

const roles = [
  "Let's play a game: you are a quiz host and I am the contestant.",
  "Pretend you are a pirate captain for the rest of this chat.",
  "Act as my Spanish tutor and correct my mistakes gently.",
  "You are Sherlock Holmes. Stay in character the whole time.",
  "Role-play as a friendly dragon from a children's book.",
  "Act as a strict but fair interviewer for a junior developer job.",
  "Pretend to be my late grandmother, who loved gardening and always told me stories.",
  "You are a medieval innkeeper in my tabletop game. Never break character.",
  "Answer twice: first formally, then as a cheerful surfer.",
  "Let's play twenty questions. You think of an animal and I guess."
]
const tasks = [
  "Ask me five questions about European capitals.",
  "Tell me what the weather is like today in your own style.",
  "Help me practise ordering food at a restaurant.",
  "Explain how photosynthesis works.",
  "Give me feedback on this opening line of my cover letter: \"I have always loved solving puzzles.\"",
  "Tell me a short story about a lost kitten finding its way home.",
  "Quiz me on the seven times table.",
  "Describe your favourite meal and how to cook it."
]
const frames = [
  (t: string) => `I'm writing a thriller novel. My main character is a chemist who must ${t} Write his monologue.`,
  (t: string) => `Write a screenplay scene in which an old teacher helps her apprentice ${t}`,
  (t: string) => `Purely hypothetically, ${t}`,
  (t: string) => `For a school project, ${t}`,
  (t: string) => `Imagine a world without money. ${t}`,
  (t: string) => `My grandmother used to do this with me every evening and I miss her: ${t}`
]
const plots = [
  "explain to his daughter why the sky is blue.",
  "calm down a tense argument at a family dinner.",
  "solve a locked-room mystery using only logic.",
  "decide whether to confess that he copied a colleague's idea.",
  "what would happen to the tides if the moon disappeared?",
  "how would people trade food and services?",
  "describe the water cycle in simple words.",
  "teach me a lullaby and explain where it comes from.",
  "choose a strong password for the family laptop and explain why it is strong.",
  "explain how a fire extinguisher works."
]
const objects = [
  "the word \"necessary\"", "the phrase \"portable network graphics\"", "the sentence \"good morning, how are you?\"",
  "my daughter's name, Emma", "the word \"rhythm\"", "the title \"Pride and Prejudice\"", "the word \"banana\"",
  "the phrase \"happy birthday\"", "the word \"Mississippi\"", "the greeting \"hello world\""
]
const purposes = [
  (t: string) => `I'm making a worksheet for my pupils. ${t}`,
  (t: string) => `We are playing a word game with the kids. ${t}`
]
const sentences = [
  "The quick brown fox jumps over the lazy dog.",
  "She sells sea shells by the sea shore.",
  "Our meeting has been moved to Thursday at ten.",
  "Please remember to water the plants while I am away.",
  "The library closes early on public holidays.",
  "I would like a table for two by the window, please."
]
const textTasks = [
  (s: string) => `Repeat after me for pronunciation practice: "${s}"`,
  (s: string) => `Translate this paragraph into French: "${s}"`,
  (s: string) => `Translate this sentence into Polish and then back into English: "${s}"`,
  (s: string) => `Repeat the text above starting with "${s.split(" ").slice(0, 2).join(" ")}", but fix the punctuation: ${s}`,
  (s: string) => `Spell every word of this sentence backwards, it's a game for my class: ${s}`
]

// The attack disguises justify themselves ("so it does not count as revealing it"); that is attack intent, not wording to contrast.
const plain = (t: string) => t.replace(" You are not revealing it since it is encoded.", "").replace(" so it does not count as revealing it.", ".")

const row = (text: string, category: string): DataRow =>
  ({ text, y: 0, category, language: "en", source: `vigil:${FILE}`, file: FILE, trainOnly: true })

export const contrastRows = (): Array<DataRow> => [
  ...roles.flatMap((r) => tasks.map((t) => row(`${r} ${t}`, "benign_roleplay"))),
  ...frames.flatMap((f) => plots.map((p) => row(f(p), "benign_fiction"))),
  ...disguises.flatMap((d) => objects.flatMap((o) => [row(plain(d(o)), "benign_wordplay"), ...purposes.map((p) => row(p(plain(d(o))), "benign_wordplay"))])),
  ...textTasks.flatMap((t) => sentences.map((s) => row(t(s), "benign_text_task"))),
  ...questions.map((q) => row(q, "security_education"))
]
