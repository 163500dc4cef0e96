import Foundation
import Testing
@testable import ArsredKit

/// How a batch spreads over the cores: documents side by side by default, the pages of one
/// document when it is alone or when `--jobs` asks for them, and the largest input first.
@Suite struct BatchShapeTests {
    @Test func aBatchReadsOneDocumentPerCoreWithOnePageJobEach() {
        #expect(BatchShape.choose(inputs: 5, jobs: nil, documents: nil, cores: 2) == BatchShape(documents: 2, jobs: 1))
        #expect(BatchShape.choose(inputs: 3, jobs: nil, documents: nil, cores: 8) == BatchShape(documents: 3, jobs: 2))
    }

    @Test func aSingleInputGetsEveryCoreForItsPages() {
        #expect(BatchShape.choose(inputs: 1, jobs: nil, documents: nil, cores: 2) == BatchShape(documents: 1, jobs: 2))
        #expect(BatchShape.choose(inputs: 0, jobs: nil, documents: nil, cores: 4) == BatchShape(documents: 1, jobs: 4))
    }

    @Test func jobsAloneLeaveTheDocumentsTheCoresThatRemain() {
        #expect(BatchShape.choose(inputs: 5, jobs: 2, documents: nil, cores: 2) == BatchShape(documents: 1, jobs: 2))
        #expect(BatchShape.choose(inputs: 5, jobs: 1, documents: nil, cores: 2) == BatchShape(documents: 2, jobs: 1))
        #expect(BatchShape.choose(inputs: 5, jobs: 4, documents: nil, cores: 2) == BatchShape(documents: 1, jobs: 4))
    }

    @Test func documentsAloneShareTheCoresAndBothGivenAreKept() {
        #expect(BatchShape.choose(inputs: 5, jobs: nil, documents: 1, cores: 2) == BatchShape(documents: 1, jobs: 2))
        #expect(BatchShape.choose(inputs: 5, jobs: nil, documents: 4, cores: 2) == BatchShape(documents: 4, jobs: 1))
        #expect(BatchShape.choose(inputs: 2, jobs: 3, documents: 4, cores: 2) == BatchShape(documents: 2, jobs: 3))
    }

    @Test func theLargestFileGoesFirstAndTiesGoByPath() throws {
        let dir = try BrokenFiles.folder()
        let files = [("b.pdf", 10), ("a.pdf", 10), ("big.pdf", 300), ("small.pdf", 1)].map { name, size in
            let url = dir.appendingPathComponent(name)
            FileManager.default.createFile(atPath: url.path, contents: Data(count: size))
            return url
        }
        #expect(BatchOrder.largestFirst(files).map(\.lastPathComponent) == ["big.pdf", "a.pdf", "b.pdf", "small.pdf"])
    }
}
