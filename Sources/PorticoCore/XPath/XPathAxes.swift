extension XPathEvaluator {
    /// The nodes on `axis` from any of `contextNodes` (in document order) that pass `test`, in
    /// document order.
    ///
    /// The union is built axis by axis so that overlapping axes are walked once: a descendant
    /// inside a subtree already walked is skipped, ancestors and siblings stop at a node already
    /// taken. `//a//b` on elements nested 100,000 deep is then linear, not quadratic.
    mutating func nodes(on axis: XPathExpression.Axis, passing test: XPathExpression.NodeTest, from contextNodes: [Int]) throws(EvaluationError) -> [Int] {
        let documentNodes = document.nodes
        var candidates: [Int] = []
        switch axis {
        case .self:
            candidates = contextNodes
        case .child:
            for node in contextNodes { candidates += document.children(of: node) }
        case .attribute:
            for node in contextNodes where documentNodes[node].kind == .element { candidates += document.attributes(of: node) }
        case .parent:
            candidates = contextNodes.compactMap { documentNodes[$0].parent }
        case .descendant, .descendantOrSelf:
            var walkedUpTo = 0
            for node in contextNodes {
                if axis == .descendantOrSelf { candidates.append(node) }
                // An attribute has no descendants; any other node inside a subtree already walked
                // has all its descendants in it.
                guard documentNodes[node].kind != .attribute, node >= walkedUpTo else { continue }
                candidates += ((node + 1)..<documentNodes[node].subtreeEnd).filter { documentNodes[$0].kind != .attribute }
                walkedUpTo = documentNodes[node].subtreeEnd
            }
        case .ancestor, .ancestorOrSelf:
            // Every ancestor of a node taken has been taken too.
            var taken = Set<Int>()
            for node in contextNodes {
                if axis == .ancestorOrSelf, contextNodes.count == 1 || taken.insert(node).inserted { candidates.append(node) }
                var ancestor = documentNodes[node].parent
                while let current = ancestor, contextNodes.count == 1 || taken.insert(current).inserted {
                    candidates.append(current)
                    ancestor = documentNodes[current].parent
                }
            }
        case .followingSibling:
            // A walk ends at the next context node, whose own walk takes the siblings after it.
            for node in contextNodes {
                var sibling = document.nextSibling(of: node)
                while let current = sibling {
                    candidates.append(current)
                    sibling = Self.contains(contextNodes, current) ? nil : document.nextSibling(of: current)
                }
            }
        case .precedingSibling:
            for node in contextNodes {
                var sibling = documentNodes[node].previousSibling
                while let current = sibling {
                    candidates.append(current)
                    sibling = Self.contains(contextNodes, current) ? nil : documentNodes[current].previousSibling
                }
            }
        case .following:
            // Everything after the context node's subtree; the earliest subtree end covers the rest.
            if let start = contextNodes.map({ documentNodes[$0].subtreeEnd }).min() {
                candidates = (start..<documentNodes.count).filter { documentNodes[$0].kind != .attribute }
            }
        case .preceding:
            // Everything before the context node but its ancestors: nodes whose subtree ends by
            // then. The last context node covers the others.
            if let last = contextNodes.max() {
                candidates = (0..<last).filter { documentNodes[$0].subtreeEnd <= last && documentNodes[$0].kind != .attribute }
            }
        }
        try spend(candidates.count + contextNodes.count)
        let principalKind: XPathDocument.Kind = axis == .attribute ? .attribute : .element
        return Self.inDocumentOrder(candidates.filter { matches(test, $0, principalKind: principalKind) })
    }

    /// Whether `sortedNodes` (in document order) holds `node`.
    private static func contains(_ sortedNodes: [Int], _ node: Int) -> Bool {
        var low = 0
        var high = sortedNodes.count
        while low < high {
            let middle = (low + high) / 2
            if sortedNodes[middle] < node { low = middle + 1 } else { high = middle }
        }
        return low < sortedNodes.count && sortedNodes[low] == node
    }

    /// Section 2.3, with Portico's rule for names: an unprefixed name matches the local name in any
    /// namespace, a prefixed one the prefix as written in the document.
    private func matches(_ test: XPathExpression.NodeTest, _ node: Int, principalKind: XPathDocument.Kind) -> Bool {
        let kind = document.nodes[node].kind
        switch test {
        case .anyNode: return true
        case .text: return kind == .text
        case .comment: return kind == .comment
        case .processingInstruction(let target):
            return kind == .processingInstruction && (target == nil || document.names[node].localName == target)
        case .anyName: return kind == principalKind
        case .anyNameWithPrefix(let prefix): return kind == principalKind && document.names[node].prefix == prefix
        case .name(let prefix, let localName):
            guard kind == principalKind, document.names[node].localName == localName else { return false }
            return prefix == nil || document.names[node].prefix == prefix
        }
    }
}
