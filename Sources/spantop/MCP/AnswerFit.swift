import Foundation

/// Keeps an MCP answer within its byte budget, so an agent's context is not flooded: long
/// texts are cut first, then the longest list loses items from its end, and the answer says
/// what was left out and how to ask for it.
enum AnswerFit {
    /// The answer as JSON text of at most `limit` bytes (about; a note is added when trimmed).
    static func text(_ object: [String: Any], limit: Int, textLimit: Int = 2_000) -> String {
        var object = object
        var text = encode(object)
        if text.utf8.count <= limit { return text }
        object = cutStrings(object, to: textLimit) as! [String: Any]
        text = encode(object)
        var omitted: [String: Int] = [:]
        while text.utf8.count > limit {
            // The longest list at the top level gives way, from its end.
            let lists = object.compactMap { k, v in (v as? [Any]).map { (k, $0) } }.filter { !$0.1.isEmpty }
            guard let (key, list) = lists.max(by: { encode($0.1).utf8.count < encode($1.1).utf8.count }) else {
                break
            }
            let drop = max(1, list.count / 8)
            object[key] = Array(list.dropLast(drop))
            omitted[key, default: 0] += drop
            object["omitted"] = omitted.mapValues { $0 }
            object["note"] =
                "answer cut to \(limit / 1024) KB: ask for fewer items (limit, project, status) or a later page (cursor), or raise max_kb"
            text = encode(object)
        }
        return text
    }

    static func encode(_ value: Any) -> String {
        guard JSONSerialization.isValidJSONObject(value) || value is [Any] else { return "\(value)" }
        let data =
            (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Every string longer than `limit` characters cut, saying by how much.
    static func cutStrings(_ value: Any, to limit: Int) -> Any {
        switch value {
        case let s as String where s.count > limit:
            return String(s.prefix(limit)) + "… (\(s.count - limit) more characters)"
        case let list as [Any]: return list.map { cutStrings($0, to: limit) }
        case let object as [String: Any]: return object.mapValues { cutStrings($0, to: limit) }
        default: return value
        }
    }
}
