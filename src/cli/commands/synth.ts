import { InputError } from "../../errors/index.js";
import type { CommandModule } from "../program.js";

const HELP_AFTER = `
The directory defaults to ztlab-terraform/ beside the lab file (in the current directory for the
built-in lab). ztlab replaces only the files it wrote there (listed in .ztlab-manifest.json), so
.terraform/, terraform.tfstate and .terraform.lock.hcl stay; it refuses a non-empty directory it
did not write. An existing directory is written in place (kept, with its owner and mode); the
manifest may list only *.tf.json names, anything else is refused. With --quiet nothing is printed
but errors. Credentials are never written: providers read them from the environment.`;

export const synthCommand: CommandModule = {
  register(program, wrap) {
    program
      .command("synth")
      .description("write the Terraform directory (*.tf.json) for the lab's enabled nodes")
      .option(
        "-o, --out <dir>",
        "directory to write (default: ztlab-terraform/ beside the lab file)",
      )
      .addHelpText("after", HELP_AFTER)
      .action(
        wrap(async (ctx, opts) => {
          const { dirname, join, relative, resolve } = await import("node:path");
          const { loadLabAndPlan } = await import("../lab-loading.js");
          const { synthesizeLab, writeSynthDirectory } = await import("../../synth/index.js");
          const { out } = opts as { out?: string };
          if (out?.trim() === "") {
            throw new InputError("--out: empty directory name", {
              code: "output-empty",
              hint: "name a directory, e.g. --out . for the current one",
            });
          }
          const { lab, plan } = await loadLabAndPlan(ctx);

          const base = lab.source.kind === "file" ? dirname(lab.source.path) : ctx.cwd;
          const dir = out === undefined ? join(base, "ztlab-terraform") : resolve(ctx.cwd, out);
          const result = synthesizeLab(plan, { state: lab.config.state });
          const report = await writeSynthDirectory({
            dir,
            result,
            flag: "--out",
            ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
          });

          if (ctx.options.json) {
            const nodes = result.nodes.map(({ name, cloud, file, targets }) => ({
              name,
              cloud,
              file,
              targets,
            }));
            ctx.out(JSON.stringify({ dir: report.dir, files: report.files, nodes }, null, 2));
            return;
          }
          if (ctx.level === "quiet") return;
          const shown = relative(ctx.cwd, dir) || ".";
          const width = Math.max(...report.files.map((file) => file.change.length));
          for (const file of report.files) {
            ctx.out(`${file.change.padEnd(width)}  ${join(shown, file.name)}`);
          }
          if (result.nodes.length === 0) ctx.note("no node is enabled: ZeroTier resources only");
          ctx.note(`next: cd ${shown} && terraform init && terraform apply`);
        }),
      );
  },
};
