import { z } from "zod";
const s: any = z.string().trim().min(2).max(5).regex(/^a+$/);
console.log(s.minLength, s.maxLength, s.format, s._zod.bag, s._zod.def.checks.map((c:any)=>[c._zod.def, c._zod.bag]));
const n: any = z.number().int().min(1).max(100); console.log(n.minValue, n.maxValue, n.isInt, n._zod.def.checks.map((c:any)=>c._zod.def));
const em: any = z.email(); console.log(em._zod.def, em.format);
const a: any = z.array(z.string()).min(1).max(3); console.log(a._zod.def.checks.map((c:any)=>c._zod.def));
