// swift-tools-version:6.1
import PackageDescription

// The pixel and page code is optimised in debug builds too: unoptimised, reading one scanned
// report takes minutes instead of seconds, and the test suite runs the corpus end to end.
let optimised: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "arsred",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ArsredKit", targets: ["ArsredKit"]),
        .executable(name: "arsred", targets: ["arsred"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // C libraries, seen only by their wrapper modules.
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib cairo",
                       providers: [.apt(["libpoppler-glib-dev", "libcairo2-dev"])]),
        .systemLibrary(name: "CTesseract", pkgConfig: "tesseract lept",
                       providers: [.apt(["libtesseract-dev", "libleptonica-dev"])]),
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CCodecs", pkgConfig: "libpng glib-2.0 zlib",
                       providers: [.apt(["libpng-dev", "libglib2.0-dev"])]),
        .systemLibrary(name: "CAllocator"),
        // Plain-Swift pixel buffers shared by the wrappers and the pipeline.
        .target(name: "Bitmap", swiftSettings: optimised),
        // Wrappers: the only modules that see a C pointer.
        .target(name: "Poppler", dependencies: ["CPoppler", "Bitmap"], swiftSettings: optimised),
        .target(name: "Tesseract", dependencies: ["CTesseract", "Bitmap"], swiftSettings: optimised),
        // PNG files (libpng) and SHA-256 (GLib).
        .target(name: "Codecs", dependencies: ["CCodecs", "Bitmap"], swiftSettings: optimised),
        // Draws report pages with cairo: the fixture generator's pen.
        .target(name: "Canvas", dependencies: ["CPoppler", "Bitmap"]),
        // The C library's allocator settings (glibc's mallopt).
        .target(name: "Allocator", dependencies: ["CAllocator"]),
        // Excel workbooks (libxlsxwriter).
        .target(name: "XLSX", dependencies: ["CXlsxWriter"]),
        // The pipeline: one folder per stage.
        .target(name: "ArsredKit",
                dependencies: ["Bitmap", "Poppler", "Tesseract", "Codecs", "Allocator",
                               .product(name: "Yams", package: "Yams")],
                swiftSettings: optimised),
        // What users do with the dataset: diff against hand data, export, review.
        .target(name: "ArsredExport",
                dependencies: ["ArsredKit", "Poppler", "Codecs", "XLSX",
                               .product(name: "GRDB", package: "GRDB.swift")]),
        .executableTarget(name: "arsred",
                          dependencies: ["ArsredKit", "ArsredExport",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Makes corpus/: small sample reports with their hand data.
        .executableTarget(name: "make-corpus", dependencies: ["Canvas", "ArsredKit", "Codecs", "Tesseract"]),
        .testTarget(name: "ArsredKitTests",
                    dependencies: ["ArsredKit", "ArsredExport", "Bitmap", "Poppler", "Tesseract", "Codecs", "Canvas", "make-corpus", "arsred",
                                   .product(name: "PropertyBased", package: "swift-property-based")],
                    resources: []),
        .testTarget(name: "ArsredExportTests",
                    dependencies: ["ArsredExport", "ArsredKit", "Codecs", "arsred"],
                    exclude: ["Review/Golden"]),
    ],
    swiftLanguageModes: [.v5]
)
