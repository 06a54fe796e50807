import "./zod-config.ts";
import { z } from "zod";
import { text } from "./common.ts";

export const emailSchema = text()
  .trim()
  .min(1, "Enter an email address")
  .max(254, "That email address is too long")
  .pipe(z.email("Enter a valid email address"))
  .transform((e) => e.toLowerCase());

export const passwordSchema = text().min(10, "Use at least 10 characters").max(200, "Use at most 200 characters");

export const displayNameSchema = text().trim().min(1, "Enter a name").max(100, "Use at most 100 characters");

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(200, "That password is too long"),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(200),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one",
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const updateProfileSchema = z.object({ name: displayNameSchema });
export type UpdateProfileInput = z.infer<typeof updateProfileSchema>;
