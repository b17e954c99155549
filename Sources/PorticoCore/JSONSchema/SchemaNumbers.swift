/// The number tests of `type: integer` and `multipleOf`, done on the exact decimal a literal
/// denotes, so that `0.3` is a multiple of `0.1` and 2^63 + 1 is not a multiple of 2.
extension JSONNumber {
    /// True when the number has no fractional part, however written (`1.0` and `1e2` count).
    var isIntegral: Bool {
        let decimal = ExactDecimal(literal.utf8)
        return decimal.digits.count <= decimal.exponent || decimal.digits.isEmpty
    }

    /// Longest run of decimal digits the exact remainder is computed over; beyond it (absurd
    /// exponents such as `1e100000`) the test falls back to `Double` division.
    private static let exactDigitLimit = 100_000

    func isMultiple(of divisor: JSONNumber) -> Bool {
        let dividend = ExactDecimal(literal.utf8)
        let divisorDecimal = ExactDecimal(divisor.literal.utf8)
        if dividend.digits.isEmpty { return true }
        if divisorDecimal.digits.isEmpty { return false }
        // Each value is D × 10^k with D its digits as an integer; scaling both by the smaller power
        // leaves two integers, the dividend's digits followed by `dividendZeros` zeros and the
        // divisor's digits followed by `divisorZeros`.
        let dividendScale = dividend.exponent - dividend.digits.count
        let divisorScale = divisorDecimal.exponent - divisorDecimal.digits.count
        let commonScale = min(dividendScale, divisorScale)
        let dividendZeros = dividendScale - commonScale
        let divisorZeros = divisorScale - commonScale
        // The remainder stays below the divisor, so a divisor of at most 18 digits keeps
        // remainder × 10 + 9 within UInt64.
        guard divisorDecimal.digits.count + divisorZeros <= 18,
              dividend.digits.count + dividendZeros <= JSONNumber.exactDigitLimit else {
            let quotient = doubleValue / divisor.doubleValue
            return quotient.isFinite && quotient == quotient.rounded()
        }
        var modulus: UInt64 = 0
        for digit in divisorDecimal.digits { modulus = modulus * 10 + UInt64(digit) }
        for _ in 0..<divisorZeros { modulus *= 10 }
        var remainder: UInt64 = 0
        for digit in dividend.digits { remainder = (remainder * 10 + UInt64(digit)) % modulus }
        for _ in 0..<dividendZeros { remainder = (remainder * 10) % modulus }
        return remainder == 0
    }
}
