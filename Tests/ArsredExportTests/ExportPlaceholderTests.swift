import Testing
@testable import ArsredExport
