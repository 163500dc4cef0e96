import Foundation

/// The one way a dataset document becomes bytes: pretty, keys sorted (so output is identical
/// from run to run and diffs well), slashes unescaped.
public enum DatasetJSON {
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return e
    }
    public static func encode(_ doc: DatasetDocument) throws -> Data {
        var d = try encoder().encode(doc)
        d.append(0x0A)
        return d
    }
    public static func decode(_ data: Data) throws -> DatasetDocument {
        try JSONDecoder().decode(DatasetDocument.self, from: data)
    }
}
