import Foundation
import PackagePlugin

/// Compiles the package's top-level `themes/*.yaml` into the target as Swift string literals
/// (`EmbeddedThemes.swift`), so the built binary has its themes without a resource bundle and
/// `themes/` stays the single source.
///
/// The command's inputs are the theme files and the folder itself, and the embedder reads the
/// folder: editing a theme reruns it, and so does adding one (the folder changes). SwiftPM only
/// asks this plugin for its commands when it plans the build (after Package.swift or a target's
/// folder changes), so after removing a theme file the old list names a missing input until the
/// next plan: `touch Package.swift` replans.
@main
struct EmbedThemes: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "themes")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false))) ?? []
        let themes = names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted().map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedThemes.swift")
        return [
            .buildCommand(
                displayName: "Embedding the themes into \(target.name)",
                executable: try context.tool(named: "ThemeEmbedder").url,
                arguments: [output.path(percentEncoded: false), folder.path(percentEncoded: false)],
                inputFiles: [folder] + themes,
                outputFiles: [output]
            )
        ]
    }
}
