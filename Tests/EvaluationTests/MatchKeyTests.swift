import Testing

@testable import Evaluation

@Suite struct MatchKeyTests {
  @Test func text_foldsCaseSpacesNFCAndTonePlacement() {
    #expect(MatchKey.text("  Hoà\u{00A0} BÌNH ") == MatchKey.text("hòa bình"))
    #expect(MatchKey.text("Thuỷ") == MatchKey.text("thủy"))
    // Decomposed ê + grave (NFD) equals the precomposed letter.
    #expect(MatchKey.text("Nguye\u{302}\u{303}n") == MatchKey.text("Nguyễn"))
  }

  @Test func province_dropsPrefixAndUnifiesDashes() {
    #expect(MatchKey.province("Tỉnh Bà Rịa – Vũng Tàu") == MatchKey.province("Bà Rịa - Vũng Tàu"))
    #expect(MatchKey.province("bà rịa-vũng tàu") == MatchKey.province("Bà Rịa - Vũng Tàu"))
    #expect(MatchKey.province("TP. Hồ Chí Minh") == "hồ chí minh")
    #expect(MatchKey.province("TP.HCM") == "hồ chí minh")
    #expect(MatchKey.province("Thành phố Hải Phòng") == "hải phòng")
  }

  @Test func legal_numbersAndYearlessTexts() {
    #expect(MatchKey.legalNumber("65-NQ/BCSĐ") == MatchKey.legalNumber("65-nq/bcsđ"))
    #expect(MatchKey.legalTextWithoutYear("Luật Thanh tra 2022") == "luật thanh tra")
    #expect(MatchKey.legalTextWithoutYear("Luật Thanh tra năm 2022") == "luật thanh tra")
  }

  @Test func number_andUnits() {
    #expect(MatchKey.number(46237000000) == "46237000000")
    #expect(MatchKey.number(88.8) == "88.8")
    #expect(MatchKey.areaUnit("m²") == "m2")
    #expect(MatchKey.currency("VNĐ") == "VND")
    #expect(MatchKey.currency(nil) == "VND")
    #expect(MatchKey.currency("usd") == "USD")
  }
}
