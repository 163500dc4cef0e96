import Bitmap
import Testing
@testable import Tesseract

/// Scanned pages made smaller through leptonica: sizes, area averages, pixels as they were.
@Suite struct GreyScalingTests {
    @Test func pixelsGoThroughLeptonicaAndBackUnchangedForAnyWidth() {
        for width in [1, 3, 4, 7, 9] {
            let image = GreyImage(width: width, height: 3, pixels: (0..<(width * 3)).map { UInt8(($0 * 37) % 256) })
            #expect(GreyScaling.throughLeptonica(image) == image)
        }
    }

    @Test func aThirdSmallerAveragesTheAreasItJoins() {
        // Columns of 0 and 240, three pixels each: 2 pixels of each after 2/3.
        let width = 12, height = 6
        let image = GreyImage(width: width, height: height, pixels: (0..<(width * height)).map { ($0 % width) / 3 % 2 == 0 ? 0 : 240 })
        let small = GreyScaling.reduced(image, by: 2.0 / 3.0)
        #expect(small.width == 8 && small.height == 4)
        let row = (0..<small.width).map { Int(small[$0, 1]) }
        #expect(row[0] < 40 && row[3] > 200 && row[4] < 40 && row[7] > 200, "\(row)")
    }

    @Test func aFactorOfOneOrMoreLeavesTheImage() {
        let image = GreyImage(width: 5, height: 5, fill: 128)
        #expect(GreyScaling.reduced(image, by: 1) == image)
        #expect(GreyScaling.reduced(image, by: 0.8).width == 4)
    }
}
