/**
 * Check-digit tests that tell a real card or My Number from any other long number
 * (a tracking or order number), so only the real thing is flagged.
 */

export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** The Luhn (mod 10) check every payment card number passes. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let value = digits.charCodeAt(i) - 48;
    if (double) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Japan's individual number (マイナンバー): 11 digits and a check digit. Weights run
 * 2–7 then 2–6 from the digit next to the check digit leftwards, and a remainder
 * (mod 11) of 0 or 1 gives check digit 0.
 */
export function isValidMyNumber(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const digit = digits.charCodeAt(11 - n) - 48;
    const weight = n <= 6 ? n + 1 : n - 5;
    sum += digit * weight;
  }
  const remainder = sum % 11;
  const check = remainder <= 1 ? 0 : 11 - remainder;
  return check === digits.charCodeAt(11) - 48;
}
