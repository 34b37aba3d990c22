import { sha256 } from "@noble/hashes/sha2.js"

/**
 * Bitcoin mainnet addresses: Base58Check (P2PKH `1…`, P2SH `3…`; 4 bytes of double SHA-256) and
 * segwit bech32 / bech32m (`bc1…`, BIP 173 / BIP 350). Testnet and altcoin prefixes are not matched.
 */

const B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

export const base58Decode = (s: string): Uint8Array | undefined => {
  const bytes: Array<number> = []
  for (const ch of s) {
    let carry = B58.indexOf(ch)
    if (carry < 0) return undefined
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i]! * 58
      bytes[i] = carry & 0xff
      carry >>= 8
    }
    while (carry > 0) {
      bytes.push(carry & 0xff)
      carry >>= 8
    }
  }
  for (let i = 0; i < s.length && s[i] === "1"; i++) bytes.push(0)
  return Uint8Array.from(bytes.reverse())
}

export const base58Encode = (data: Uint8Array): string => {
  const digits: Array<number> = []
  for (const byte of data) {
    let carry = byte
    for (let i = 0; i < digits.length; i++) {
      carry += digits[i]! << 8
      digits[i] = carry % 58
      carry = Math.floor(carry / 58)
    }
    while (carry > 0) {
      digits.push(carry % 58)
      carry = Math.floor(carry / 58)
    }
  }
  let out = ""
  for (let i = 0; i < data.length && data[i] === 0; i++) out += "1"
  return out + digits.reverse().map((d) => B58[d]).join("")
}

export const checksum4 = (payload: Uint8Array): Uint8Array => sha256(sha256(payload)).subarray(0, 4)

const base58CheckValid = (address: string): boolean => {
  const raw = base58Decode(address)
  if (raw === undefined || raw.length !== 25 || (raw[0] !== 0x00 && raw[0] !== 0x05)) return false
  const sum = checksum4(raw.subarray(0, 21))
  return sum.every((b, i) => b === raw[21 + i])
}

const CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3] as const
export const BECH32_CONST = 1
export const BECH32M_CONST = 0x2bc830a3

export const bech32Polymod = (values: ReadonlyArray<number>): number => {
  let chk = 1
  for (const v of values) {
    const top = chk >>> 25
    chk = ((chk & 0x1ffffff) << 5) ^ v
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i]!
  }
  return chk >>> 0
}

const hrpExpand = (hrp: string): Array<number> =>
  [...hrp].map((c) => c.charCodeAt(0) >> 5).concat([0], [...hrp].map((c) => c.charCodeAt(0) & 31))

/** The six checksum characters for `bc1` + data characters, for generators. */
export const bech32Checksum = (data: ReadonlyArray<number>, constant: number): string => {
  const mod = bech32Polymod([...hrpExpand("bc"), ...data, 0, 0, 0, 0, 0, 0]) ^ constant
  return Array.from({ length: 6 }, (_, i) => CHARSET[(mod >>> (5 * (5 - i))) & 31]).join("")
}

export const BECH32_CHARSET = CHARSET

const segwitValid = (address: string): boolean => {
  const lower = address.toLowerCase()
  if (lower !== address && address.toUpperCase() !== address) return false
  if (!lower.startsWith("bc1") || (lower.length !== 42 && lower.length !== 62)) return false
  const data = [...lower.slice(3)].map((c) => CHARSET.indexOf(c))
  if (data.some((d) => d < 0)) return false
  const version = data[0]!
  // Witness v0 uses bech32; v1 and later (taproot) use bech32m (BIP 350).
  const expected = version === 0 ? BECH32_CONST : BECH32M_CONST
  return version <= 16 && bech32Polymod([...hrpExpand("bc"), ...data]) === expected
}

export const bitcoinAddressValid = (address: string): boolean =>
  /^bc1/i.test(address) ? segwitValid(address) : /^[13]/.test(address) && base58CheckValid(address)
