import type { CommandModule } from "../program.js";

export const planCommand: CommandModule = {
  register(program, wrap) {
    program
      .command("plan")
      .description("show the resolved lab: nodes, clouds, addresses, names (no credentials needed)")
      .action(
        wrap(async (ctx) => {
          const { loadLabAndPlan } = await import("../lab-loading.js");
          const { renderPlan, planJson } = await import("../render/plan-view.js");
          const { plan } = await loadLabAndPlan(ctx);
          if (ctx.options.json) ctx.out(JSON.stringify(planJson(plan), null, 2));
          else ctx.out(renderPlan(plan));
        }),
      );
  },
};
