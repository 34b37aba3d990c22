/** International Morse, letters and digits: enough to read an instruction sent as dots and dashes. */
const CODE: Readonly<Record<string, string>> = {
  ".-": "a", "-...": "b", "-.-.": "c", "-..": "d", ".": "e", "..-.": "f", "--.": "g", "....": "h", "..": "i",
  ".---": "j", "-.-": "k", ".-..": "l", "--": "m", "-.": "n", "---": "o", ".--.": "p", "--.-": "q", ".-.": "r",
  "...": "s", "-": "t", "..-": "u", "...-": "v", ".--": "w", "-..-": "x", "-.--": "y", "--..": "z",
  "-----": "0", ".----": "1", "..---": "2", "...--": "3", "....-": "4", ".....": "5", "-....": "6", "--...": "7",
  "---..": "8", "----.": "9", ".-.-.-": ".", "--..--": ",", "..--..": "?", ".----.": "'", ".--.-.": "@", "-..-.": "/"
}

// At least eight symbols in a row, words split by " / " (or three spaces): shorter runs are ellipses and dashes.
const MORSE_RUN = /(?:[.-]{1,7}(?: \/ | {1,3})){7,}[.-]{1,7}/g

/** Each Morse run decoded to lower-case text; runs with symbols that are not Morse letters are skipped. */
export const decodeMorse = (text: string): Array<string> =>
  Array.from(text.matchAll(MORSE_RUN), (m) => {
    const words = m[0].trim().split(/ \/ | {3}/)
    const decoded = words.map((w) => w.split(" ").filter((c) => c !== "").map((c) => CODE[c] ?? "\u0000").join(""))
    return decoded.join(" ")
  }).filter((s) => !s.includes("\u0000") && /[a-z]{3}/.test(s))
